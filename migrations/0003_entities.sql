-- 0003_entities.sql — the registry of regulated entities (污染源库).
--
-- The list (search by Chinese substrings and USCC prefixes, filters,
-- sorts, pages) is served from each worker's memory (core/entity_index.c),
-- so this table carries no search index and no list indexes: a bulk import
-- writes the rows, the audit records and one counter: a statement-level
-- trigger moves bureau_rev.registry on every change, and a worker whose
-- copy of the registry is older than it reloads. The numbers
-- behind this choice are in docs/architecture.md.

CREATE TABLE entity (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	uscc		text COLLATE "C" NOT NULL
			    CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
	address		text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
	township	text NOT NULL CHECK (length(township) BETWEEN 1 AND 64),
	industry	text NOT NULL CHECK (length(industry) BETWEEN 1 AND 64),
	category	text NOT NULL CHECK (category IN ('key', 'general', 'special')),
	legal_rep	text CHECK (length(legal_rep) <= 64),
	lat		numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
	lng		numeric(9, 6) CHECK (lng BETWEEN -180 AND 180),
	status		text NOT NULL DEFAULT 'active'
			    CHECK (status IN ('active', 'closed')),
	credit_grade	text CHECK (credit_grade IN ('green', 'blue', 'yellow',
			    'red', 'black')),
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, uscc),
	UNIQUE (bureau_id, id),
	CHECK ((lat IS NULL) = (lng IS NULL))
);
COMMENT ON TABLE entity IS '检查对象: a regulated entity of the bureau (一厂一档 starts here)';
COMMENT ON COLUMN entity.id IS 'opaque id';
COMMENT ON COLUMN entity.bureau_id IS 'owning bureau';
COMMENT ON COLUMN entity.uscc IS '统一社会信用代码, canonical uppercase, check digit verified by the application';
COMMENT ON COLUMN entity.name IS 'registered name';
COMMENT ON COLUMN entity.address IS 'site address';
COMMENT ON COLUMN entity.township IS '镇街';
COMMENT ON COLUMN entity.industry IS '行业';
COMMENT ON COLUMN entity.category IS 'key 重点排污单位, general 一般排污单位, special 特殊监管对象';
COMMENT ON COLUMN entity.legal_rep IS '法定代表人';
COMMENT ON COLUMN entity.lat IS 'latitude (WGS-84), with lng or neither';
COMMENT ON COLUMN entity.lng IS 'longitude (WGS-84)';
COMMENT ON COLUMN entity.status IS 'active or closed (关停)';
COMMENT ON COLUMN entity.credit_grade IS 'environmental credit grade; NULL until rated';
COMMENT ON COLUMN entity.created_by IS 'user who registered it';
COMMENT ON COLUMN entity.created_at IS 'registration time';
COMMENT ON COLUMN entity.updated_at IS 'last change';
COMMENT ON COLUMN entity.version IS 'optimistic lock, +1 on every update';

-- One bump per statement, not per row: an import of thousands of rows
-- moves the counter once.
CREATE FUNCTION gs_entity_rev() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	INSERT INTO bureau_rev AS r (bureau_id, registry)
	SELECT DISTINCT bureau_id, 1 FROM changed
	ON CONFLICT (bureau_id) DO UPDATE SET registry = r.registry + 1;
	RETURN NULL;
END $$;

CREATE TRIGGER entity_rev_insert AFTER INSERT ON entity
REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION gs_entity_rev();
CREATE TRIGGER entity_rev_update AFTER UPDATE ON entity
REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION gs_entity_rev();
CREATE TRIGGER entity_rev_delete AFTER DELETE ON entity
REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION gs_entity_rev();

CREATE TRIGGER entity_audit AFTER INSERT OR UPDATE OR DELETE ON entity
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();

ALTER TABLE entity ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_bureau ON entity USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());

GRANT SELECT, INSERT, UPDATE ON entity TO gs_app;
