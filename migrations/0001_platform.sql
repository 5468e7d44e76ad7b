-- 0001_platform.sql — the platform: bureaus, squads, users, sessions, API
-- tokens, sign-in throttling, the audit chain and row-level security.
--
-- Roles: gs_owner owns every object and runs migrations; gs_app is what the
-- web application connects as. gs_app owns nothing and is subject to the
-- row-level security policies below: a query that forgets its bureau still
-- sees only the bureau set for the connection (gs.bureau_id).

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gs_app') THEN
		CREATE ROLE gs_app NOLOGIN;
	END IF;
END $$;

-- The bureau whose data this connection may see, set by the application
-- for every request; NULL (no row visible) when unset.
CREATE FUNCTION gs_current_bureau() RETURNS uuid
LANGUAGE sql STABLE AS $$
	SELECT nullif(current_setting('gs.bureau_id', true), '')::uuid
$$;

-------------------------------------------------------------------------
-- Organisation
-------------------------------------------------------------------------

CREATE TABLE bureau (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	code		text NOT NULL UNIQUE
			    CHECK (code ~ '^[a-z0-9-]{2,32}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
	doc_prefix	text NOT NULL CHECK (length(doc_prefix) BETWEEN 1 AND 10),
	created_at	timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE bureau IS '分局: the tenant; every business row belongs to one';
COMMENT ON COLUMN bureau.id IS 'opaque id';
COMMENT ON COLUMN bureau.code IS 'short ASCII code for operations (gsctl --bureau)';
COMMENT ON COLUMN bureau.name IS 'full name, e.g. 永安市生态环境局城东分局';
COMMENT ON COLUMN bureau.doc_prefix IS 'document number prefix, e.g. 永环 in 永环罚〔2026〕12号';
COMMENT ON COLUMN bureau.created_at IS 'when the bureau was created';

-- Change counters of a bureau's data that workers hold copies of. Each is
-- moved by a trigger of its table; the session lookup returns them, so a
-- worker knows whether its copy is current without another round trip.
CREATE TABLE bureau_rev (
	bureau_id	uuid PRIMARY KEY REFERENCES bureau,
	registry	bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE bureau_rev IS 'change counters for the workers'' in-memory copies; kept by triggers';
COMMENT ON COLUMN bureau_rev.bureau_id IS 'the bureau';
COMMENT ON COLUMN bureau_rev.registry IS '+1 for every statement that changes the bureau''s entities';

CREATE TABLE squad (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, name),
	UNIQUE (bureau_id, id)
);
COMMENT ON TABLE squad IS '中队: a group of enforcement officers';
COMMENT ON COLUMN squad.id IS 'opaque id';
COMMENT ON COLUMN squad.bureau_id IS 'owning bureau';
COMMENT ON COLUMN squad.name IS 'e.g. 一中队';
COMMENT ON COLUMN squad.created_at IS 'creation time';
COMMENT ON COLUMN squad.version IS 'optimistic lock, +1 on every update';

CREATE TABLE app_user (
	id			uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id		uuid NOT NULL REFERENCES bureau,
	squad_id		uuid,
	username		text NOT NULL UNIQUE
				    CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{1,31}$'),
	display_name		text NOT NULL
				    CHECK (length(display_name) BETWEEN 1 AND 64),
	password_hash		text NOT NULL,
	roles			text[] NOT NULL CHECK (cardinality(roles) >= 1
				    AND roles <@ ARRAY['officer', 'squad_leader',
				    'legal', 'head', 'analyst', 'admin']),
	cert_no			text CHECK (length(cert_no) BETWEEN 1 AND 32),
	cert_valid_until	date,
	active			boolean NOT NULL DEFAULT true,
	password_changed_at	timestamptz NOT NULL DEFAULT now(),
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	version			integer NOT NULL DEFAULT 1,
	FOREIGN KEY (bureau_id, squad_id) REFERENCES squad (bureau_id, id),
	CHECK ((cert_no IS NULL) = (cert_valid_until IS NULL))
);
CREATE INDEX app_user_bureau ON app_user (bureau_id, username);
COMMENT ON TABLE app_user IS 'a person who signs in; roles as in domain.md section 1';
COMMENT ON COLUMN app_user.id IS 'opaque id';
COMMENT ON COLUMN app_user.bureau_id IS 'the bureau the user works for';
COMMENT ON COLUMN app_user.squad_id IS 'squad, for officers and squad leaders';
COMMENT ON COLUMN app_user.username IS 'sign-in name, unique across bureaus';
COMMENT ON COLUMN app_user.display_name IS 'name shown in the UI and on documents';
COMMENT ON COLUMN app_user.password_hash IS 'argon2id string (libsodium crypto_pwhash_str)';
COMMENT ON COLUMN app_user.roles IS 'officer, squad_leader, legal, head, analyst, admin';
COMMENT ON COLUMN app_user.cert_no IS '执法证号, enforcement certificate number';
COMMENT ON COLUMN app_user.cert_valid_until IS 'last day the certificate is valid';
COMMENT ON COLUMN app_user.active IS 'false: cannot sign in, kept for history';
COMMENT ON COLUMN app_user.password_changed_at IS 'last password change';
COMMENT ON COLUMN app_user.created_at IS 'creation time';
COMMENT ON COLUMN app_user.updated_at IS 'last change';
COMMENT ON COLUMN app_user.version IS 'optimistic lock, +1 on every update';

-------------------------------------------------------------------------
-- Sessions, API tokens, sign-in throttling
-------------------------------------------------------------------------

CREATE TABLE session (
	token_hash	bytea PRIMARY KEY,
	bureau_id	uuid NOT NULL REFERENCES bureau,
	user_id		uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
	csrf_token	text NOT NULL,
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_seen_at	timestamptz NOT NULL DEFAULT now(),
	idle_expires_at	timestamptz NOT NULL,
	expires_at	timestamptz NOT NULL,
	address		text,
	user_agent	text
);
CREATE INDEX session_by_user ON session (user_id);
COMMENT ON TABLE session IS 'browser and API sign-in sessions; the cookie holds the token, the row its hash';
COMMENT ON COLUMN session.token_hash IS 'SHA-256 of the 256-bit session token';
COMMENT ON COLUMN session.bureau_id IS 'bureau of the user';
COMMENT ON COLUMN session.user_id IS 'signed-in user';
COMMENT ON COLUMN session.csrf_token IS 'token every state-changing request must echo';
COMMENT ON COLUMN session.created_at IS 'sign-in time';
COMMENT ON COLUMN session.last_seen_at IS 'last time the idle limit was extended';
COMMENT ON COLUMN session.idle_expires_at IS 'ends here unless used again (idle limit)';
COMMENT ON COLUMN session.expires_at IS 'ends here whatever happens (absolute limit)';
COMMENT ON COLUMN session.address IS 'client address at sign-in';
COMMENT ON COLUMN session.user_agent IS 'client user agent at sign-in';

CREATE TABLE api_token (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	user_id		uuid NOT NULL REFERENCES app_user ON DELETE CASCADE,
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	token_hash	bytea NOT NULL UNIQUE,
	created_at	timestamptz NOT NULL DEFAULT now(),
	last_used_at	timestamptz,
	revoked_at	timestamptz
);
CREATE INDEX api_token_by_user ON api_token (user_id);
COMMENT ON TABLE api_token IS 'bearer tokens for API clients, shown once at creation';
COMMENT ON COLUMN api_token.id IS 'opaque id (used to revoke)';
COMMENT ON COLUMN api_token.bureau_id IS 'bureau of the user';
COMMENT ON COLUMN api_token.user_id IS 'the user the token acts as';
COMMENT ON COLUMN api_token.name IS 'what the token is for';
COMMENT ON COLUMN api_token.token_hash IS 'SHA-256 of the token';
COMMENT ON COLUMN api_token.created_at IS 'creation time';
COMMENT ON COLUMN api_token.last_used_at IS 'last use (updated at most once a minute)';
COMMENT ON COLUMN api_token.revoked_at IS 'set when revoked; a revoked token never works again';

CREATE TABLE login_throttle (
	key		text PRIMARY KEY,
	failures	integer NOT NULL,
	window_start	timestamptz NOT NULL,
	locked_until	timestamptz
);
COMMENT ON TABLE login_throttle IS 'failed sign-ins per account name and per address; not per bureau: it applies before anyone is known';
COMMENT ON COLUMN login_throttle.key IS 'user:<name> or addr:<address>';
COMMENT ON COLUMN login_throttle.failures IS 'failures since window_start';
COMMENT ON COLUMN login_throttle.window_start IS 'first failure of the current window';
COMMENT ON COLUMN login_throttle.locked_until IS 'sign-in refused with 429 until then';

-------------------------------------------------------------------------
-- The audit chain
-------------------------------------------------------------------------

CREATE TABLE audit_head (
	bureau_id	uuid PRIMARY KEY REFERENCES bureau,
	seq		bigint NOT NULL,
	hash		bytea NOT NULL
);
COMMENT ON TABLE audit_head IS 'last link of each bureau''s audit chain; its row lock serialises writers';
COMMENT ON COLUMN audit_head.bureau_id IS 'bureau of the chain';
COMMENT ON COLUMN audit_head.seq IS 'seq of the last record';
COMMENT ON COLUMN audit_head.hash IS 'hash of the last record (32 zero bytes before the first)';

CREATE TABLE audit_log (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	seq		bigint NOT NULL,
	at		timestamptz NOT NULL,
	actor_id	uuid,
	actor_name	text NOT NULL,
	action		text NOT NULL,
	context		text NOT NULL DEFAULT '',
	object_type	text NOT NULL,
	object_id	text NOT NULL,
	before		jsonb,
	after		jsonb,
	request_id	text NOT NULL DEFAULT '',
	prev_hash	bytea NOT NULL,
	hash		bytea NOT NULL,
	PRIMARY KEY (bureau_id, seq)
);
CREATE INDEX audit_log_object ON audit_log (bureau_id, object_type, object_id);
COMMENT ON TABLE audit_log IS 'every change, hash-chained per bureau; append only';
COMMENT ON COLUMN audit_log.bureau_id IS 'bureau whose chain this record is in';
COMMENT ON COLUMN audit_log.seq IS '1, 2, 3 ... without gaps within the bureau';
COMMENT ON COLUMN audit_log.at IS 'transaction time of the change';
COMMENT ON COLUMN audit_log.actor_id IS 'user who made the change; NULL for the system or direct SQL';
COMMENT ON COLUMN audit_log.actor_name IS 'username, or the database role for direct SQL';
COMMENT ON COLUMN audit_log.action IS 'table.insert|update|delete or a named event (session.signin)';
COMMENT ON COLUMN audit_log.context IS 'the operation that caused it (entities.import, users.create)';
COMMENT ON COLUMN audit_log.object_type IS 'table or kind of object';
COMMENT ON COLUMN audit_log.object_id IS 'id of the object';
COMMENT ON COLUMN audit_log.before IS 'row before the change (secrets removed)';
COMMENT ON COLUMN audit_log.after IS 'row after the change (secrets removed)';
COMMENT ON COLUMN audit_log.request_id IS 'request id of the HTTP request, for the logs';
COMMENT ON COLUMN audit_log.prev_hash IS 'hash of the previous record';
COMMENT ON COLUMN audit_log.hash IS 'SHA-256(prev_hash || canonical record), see gs_audit_canonical';

-- The canonical bytes of a record: each field as "<octets>:<text>\n", so no
-- value can be mistaken for another whatever it contains. gsctl
-- verify-audit recomputes exactly this in C; change both or neither.
CREATE FUNCTION gs_audit_field(t text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT octet_length(coalesce(t, ''))::text || ':' || coalesce(t, '') || E'\n'
$$;

CREATE FUNCTION gs_audit_canonical(r audit_log) RETURNS bytea
LANGUAGE sql STABLE AS $$
	SELECT convert_to('gs-audit-v1' || E'\n' ||
	    gs_audit_field(r.seq::text) ||
	    gs_audit_field(r.bureau_id::text) ||
	    gs_audit_field(to_char(r.at AT TIME ZONE 'UTC',
		'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ||
	    gs_audit_field(r.actor_id::text) ||
	    gs_audit_field(r.actor_name) ||
	    gs_audit_field(r.action) ||
	    gs_audit_field(r.context) ||
	    gs_audit_field(r.object_type) ||
	    gs_audit_field(r.object_id) ||
	    gs_audit_field(r.before::text) ||
	    gs_audit_field(r.after::text) ||
	    gs_audit_field(r.request_id), 'UTF8')
$$;

CREATE FUNCTION gs_audit_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	h	audit_head%ROWTYPE;
BEGIN
	INSERT INTO audit_head (bureau_id, seq, hash)
	VALUES (NEW.bureau_id, 0, '\x0000000000000000000000000000000000000000000000000000000000000000')
	ON CONFLICT (bureau_id) DO NOTHING;
	SELECT * INTO h FROM audit_head WHERE bureau_id = NEW.bureau_id FOR UPDATE;

	NEW.seq := h.seq + 1;
	NEW.at := now();
	NEW.prev_hash := h.hash;
	NEW.hash := sha256(h.hash || gs_audit_canonical(NEW));
	UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash
	WHERE bureau_id = NEW.bureau_id;
	RETURN NEW;
END $$;

CREATE TRIGGER audit_log_link BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION gs_audit_link();

CREATE FUNCTION gs_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
	    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION gs_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION gs_refuse_change();

-- The row trigger that makes every change of an audited table write its
-- record in the same transaction. Who and why come from transaction-local
-- settings the application sets when it opens a write transaction
-- (gs.actor_id, gs.actor_name, gs.context, gs.request_id); direct SQL is
-- recorded under the database role. Trigger arguments name columns that
-- never enter the log (secrets); a changed secret shows as "<column>": "changed".
CREATE FUNCTION gs_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	b	jsonb;
	a	jsonb;
	rec	jsonb;
	col	text;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		b := to_jsonb(OLD);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		a := to_jsonb(NEW);
	END IF;
	rec := coalesce(a, b);
	FOREACH col IN ARRAY coalesce(TG_ARGV, '{}'::text[]) LOOP
		IF b IS NOT NULL AND a IS NOT NULL AND b -> col IS DISTINCT FROM a -> col THEN
			a := jsonb_set(a, ARRAY[col], '"changed"');
			b := jsonb_set(b, ARRAY[col], '"changed"');
		END IF;
		IF a IS NOT NULL AND a ->> col <> 'changed' THEN
			a := a - col;
		END IF;
		IF b IS NOT NULL AND b ->> col <> 'changed' THEN
			b := b - col;
		END IF;
	END LOOP;
	INSERT INTO audit_log (bureau_id, actor_id, actor_name, action, context,
	    object_type, object_id, before, after, request_id,
	    seq, at, prev_hash, hash)
	VALUES ((rec ->> 'bureau_id')::uuid,
	    nullif(current_setting('gs.actor_id', true), '')::uuid,
	    coalesce(nullif(current_setting('gs.actor_name', true), ''),
		session_user::text),
	    TG_TABLE_NAME || '.' || lower(TG_OP),
	    coalesce(current_setting('gs.context', true), ''),
	    TG_TABLE_NAME, rec ->> 'id', b, a,
	    coalesce(current_setting('gs.request_id', true), ''),
	    0, now(), '\x', '\x');
	RETURN NULL;
END $$;

CREATE TRIGGER squad_audit AFTER INSERT OR UPDATE OR DELETE ON squad
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER app_user_audit AFTER INSERT OR UPDATE OR DELETE ON app_user
FOR EACH ROW EXECUTE FUNCTION gs_audit_row('password_hash');
CREATE TRIGGER api_token_audit AFTER INSERT OR UPDATE OR DELETE ON api_token
FOR EACH ROW EXECUTE FUNCTION gs_audit_row('token_hash');

-------------------------------------------------------------------------
-- Sign-in lookups. They run before the bureau is known, so they are the
-- only way past row-level security, and return only what sign-in needs.
-- PL/pgSQL, not SQL: a SECURITY DEFINER SQL function is never inlined and
-- is planned again on every call, while PL/pgSQL keeps its plan. Every
-- signed-in request makes one of these calls; measured with pgbench, the
-- session lookup went from 10,300 to 25,600 calls a second.
-------------------------------------------------------------------------

CREATE FUNCTION gs_auth_user(p_username text)
RETURNS TABLE (id uuid, bureau_id uuid, password_hash text, active boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
	RETURN QUERY SELECT a.id, a.bureau_id, a.password_hash, a.active
		FROM app_user a WHERE a.username = p_username;
END $$;

CREATE FUNCTION gs_session_user(p_token_hash bytea)
RETURNS TABLE (user_id uuid, bureau_id uuid, username text,
    display_name text, roles text[], squad_id uuid, csrf_token text,
    bureau_name text, needs_touch boolean, registry_rev bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
	RETURN QUERY SELECT u.id, u.bureau_id, u.username, u.display_name, u.roles,
		    u.squad_id, s.csrf_token, b.name,
		    s.last_seen_at < now() - interval '1 minute',
		    coalesce(r.registry, 0)
		FROM session s
		JOIN app_user u ON u.id = s.user_id
		JOIN bureau b ON b.id = u.bureau_id
		LEFT JOIN bureau_rev r ON r.bureau_id = u.bureau_id
		WHERE s.token_hash = p_token_hash AND u.active
		    AND s.expires_at > now() AND s.idle_expires_at > now();
END $$;

CREATE FUNCTION gs_token_user(p_token_hash bytea)
RETURNS TABLE (user_id uuid, bureau_id uuid, username text,
    display_name text, roles text[], squad_id uuid, token_id uuid,
    bureau_name text, needs_touch boolean, registry_rev bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
BEGIN
	RETURN QUERY SELECT u.id, u.bureau_id, u.username, u.display_name, u.roles,
		    u.squad_id, t.id, b.name,
		    t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute',
		    coalesce(r.registry, 0)
		FROM api_token t
		JOIN app_user u ON u.id = t.user_id
		JOIN bureau b ON b.id = u.bureau_id
		LEFT JOIN bureau_rev r ON r.bureau_id = u.bureau_id
		WHERE t.token_hash = p_token_hash AND t.revoked_at IS NULL AND u.active;
END $$;

-------------------------------------------------------------------------
-- Row-level security: the second wall behind the bureau filter that every
-- query carries anyway.
-------------------------------------------------------------------------

ALTER TABLE bureau ENABLE ROW LEVEL SECURITY;
CREATE POLICY bureau_own ON bureau USING (id = gs_current_bureau());
ALTER TABLE bureau_rev ENABLE ROW LEVEL SECURITY;
CREATE POLICY bureau_rev_own ON bureau_rev
    USING (bureau_id = gs_current_bureau());

ALTER TABLE squad ENABLE ROW LEVEL SECURITY;
CREATE POLICY squad_bureau ON squad USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
CREATE POLICY app_user_bureau ON app_user USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE session ENABLE ROW LEVEL SECURITY;
CREATE POLICY session_bureau ON session USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
CREATE POLICY api_token_bureau ON api_token USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_bureau ON audit_log USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE audit_head ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_head_bureau ON audit_head USING (bureau_id = gs_current_bureau());

-------------------------------------------------------------------------
-- What the application role may do. Nothing on audit_log but read and
-- append; nothing on audit_head but read (the trigger writes it).
-------------------------------------------------------------------------

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO gs_app;
GRANT SELECT ON bureau, bureau_rev TO gs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON squad, app_user, session, api_token,
    login_throttle TO gs_app;
GRANT SELECT, INSERT ON audit_log TO gs_app;
GRANT SELECT ON audit_head TO gs_app;

-- Opens a write transaction's context: who acts, in which bureau, for
-- which request, and takes the bureau's audit-chain lock first, so that
-- all writers of a bureau queue in the same order and cannot deadlock on
-- the chain. Called right after BEGIN.
CREATE FUNCTION gs_begin_write(p_bureau uuid, p_actor uuid, p_actor_name text,
    p_context text, p_request_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	PERFORM set_config('gs.bureau_id', p_bureau::text, true);
	PERFORM set_config('gs.actor_id', coalesce(p_actor::text, ''), true);
	PERFORM set_config('gs.actor_name', p_actor_name, true);
	PERFORM set_config('gs.context', p_context, true);
	PERFORM set_config('gs.request_id', p_request_id, true);
	INSERT INTO audit_head (bureau_id, seq, hash)
	VALUES (p_bureau, 0, '\x0000000000000000000000000000000000000000000000000000000000000000')
	ON CONFLICT (bureau_id) DO NOTHING;
	PERFORM 1 FROM audit_head WHERE bureau_id = p_bureau FOR UPDATE;
END $$;

-- The application checks at start-up that the schema is fully migrated.
GRANT SELECT ON schema_migrations TO gs_app;
