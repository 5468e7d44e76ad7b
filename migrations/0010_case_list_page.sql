-- 0010_case_list_page.sql — the page of the case list for "all cases" and
-- "cases in state S" with one cached plan.
--
-- The statements take LIMIT and OFFSET as parameters. PostgreSQL's cached
-- (generic) plan cannot know the limit and costs it as a tenth of the
-- matching rows, so it loses to a plan made for the values, and every
-- request was planned again: ~1.5 ms of planning under load for ~0.3 ms
-- of execution (`make bench`, 1,510 against 3,087 executions a second
-- under pgbench with the plan forced). The page is therefore taken by
-- this function, whose plans are kept (plan_cache_mode) and whose result
-- the list statements (src/db/sql.def) join like a table of 50 rows.
-- It runs with the caller's rights: row-level security applies.
CREATE FUNCTION gs_case_list_page(p_bureau uuid, p_state text,
    p_limit int, p_offset bigint) RETURNS SETOF case_file
LANGUAGE plpgsql STABLE ROWS 50 SET plan_cache_mode = force_generic_plan AS $$
BEGIN
	IF p_state IS NULL THEN
		RETURN QUERY SELECT * FROM case_file c
		WHERE c.bureau_id = p_bureau
		ORDER BY c.updated_at DESC, c.id LIMIT p_limit OFFSET p_offset;
	ELSE
		RETURN QUERY SELECT * FROM case_file c
		WHERE c.bureau_id = p_bureau AND c.state = p_state
		ORDER BY c.updated_at DESC, c.id LIMIT p_limit OFFSET p_offset;
	END IF;
END $$;
GRANT EXECUTE ON FUNCTION gs_case_list_page(uuid, text, int, bigint) TO gs_app;

-- The list's order is (updated_at DESC, id): with id in the index the page
-- is read in order, without sorting the rows of a tie.
DROP INDEX case_file_state;
CREATE INDEX case_file_state ON case_file (bureau_id, state, updated_at DESC, id);
DROP INDEX case_file_updated;
CREATE INDEX case_file_updated ON case_file (bureau_id, updated_at DESC, id);
