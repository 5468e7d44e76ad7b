-- 0003_entities.sql — the registry of regulated entities (污染源库).
--
-- Search by Chinese substrings: the name is indexed by its characters and
-- character pairs (search_grams, GIN), a query is turned into the same
-- grams and the match is confirmed with strpos, so "化工" finds
-- "永安市东城化工有限公司" through the index without a full scan. The USCC
-- prefix search uses the btree on (bureau_id, uscc) in the C collation.

-- Characters and adjacent pairs of lower(t), for the GIN index.
CREATE FUNCTION gs_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT coalesce(array_agg(DISTINCT g), '{}')
	FROM (
		SELECT substr(lower(t), i, 1) AS g
		FROM generate_series(1, length(t)) AS i
		UNION ALL
		SELECT substr(lower(t), i, 2)
		FROM generate_series(1, length(t) - 1) AS i
	) AS grams
$$;

-- The grams a query must all be found among: its pairs, or the single
-- character of a one-character query.
CREATE FUNCTION gs_query_grams(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT CASE WHEN length(q) <= 1 THEN ARRAY[lower(q)]
	ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2))
	    FROM generate_series(1, length(q) - 1) AS i) END
$$;

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
	search_grams	text[] GENERATED ALWAYS AS (gs_grams(name)) STORED,
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	updated_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, uscc),
	UNIQUE (bureau_id, id),
	CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX entity_grams ON entity USING gin (search_grams);
CREATE INDEX entity_name ON entity (bureau_id, name, id);
CREATE INDEX entity_township ON entity (bureau_id, township, name);
CREATE INDEX entity_industry ON entity (bureau_id, industry, name);
CREATE INDEX entity_updated ON entity (bureau_id, updated_at DESC, id);
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
COMMENT ON COLUMN entity.search_grams IS 'characters and pairs of the name, for substring search';
COMMENT ON COLUMN entity.created_by IS 'user who registered it';
COMMENT ON COLUMN entity.created_at IS 'registration time';
COMMENT ON COLUMN entity.updated_at IS 'last change';
COMMENT ON COLUMN entity.version IS 'optimistic lock, +1 on every update';

CREATE TRIGGER entity_audit AFTER INSERT OR UPDATE OR DELETE ON entity
FOR EACH ROW EXECUTE FUNCTION gs_audit_row('search_grams');

ALTER TABLE entity ENABLE ROW LEVEL SECURITY;
CREATE POLICY entity_bureau ON entity USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());

GRANT SELECT, INSERT, UPDATE ON entity TO gs_app;
