-- 0006_disclosure.sql — the public disclosure of penalty decisions
-- (domain.md "disclosure": within 7 working days, withdrawn on revoke).
--
-- Nobody is signed in on the public page, so row-level security has no
-- bureau to go by; this one SECURITY DEFINER function is the only way in,
-- and it decides which columns are public: the decision's number and
-- date, the party (an individual's name masked, never an ID number), the
-- violation, its legal basis and the penalty. Nothing of the 副卷, the
-- evidence or the narratives can leave through it.

CREATE FUNCTION gs_disclosures(p_bureau_code text, p_limit integer,
    p_offset integer)
RETURNS TABLE (bureau_name text, decision_no text, decided_on date,
    published_on date, party text, uscc text, violation text,
    legal_basis text, fine_fen bigint, other_penalties text[],
    total bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
	SELECT b.name, c.decision_no, c.decided_on, c.published_on,
	    CASE WHEN c.party_kind = 'individual'
	        THEN left(e.name, 1) || repeat('*', greatest(char_length(e.name) - 1, 1))
	        ELSE e.name END,
	    CASE WHEN c.party_kind = 'individual' THEN NULL ELSE e.uscc END,
	    v.name,
	    (SELECT l.law || l.article FROM legal_basis l
	     WHERE l.violation_type = c.violation_type
	       AND l.effective_from <= c.decided_on
	       AND (l.effective_to IS NULL OR l.effective_to >= c.decided_on)
	     ORDER BY l.effective_from DESC LIMIT 1),
	    c.fine_fen, c.other_penalties, count(*) OVER ()
	FROM bureau b
	JOIN case_file c ON c.bureau_id = b.id
	JOIN entity e ON e.id = c.entity_id
	JOIN violation_type v ON v.code = c.violation_type
	WHERE b.code = p_bureau_code AND c.outcome = 'penalty'
	  AND c.published_on IS NOT NULL AND c.decision_no IS NOT NULL
	  AND c.state <> 'revoked'
	ORDER BY c.decided_on DESC, c.decision_no DESC
	LIMIT least(greatest(p_limit, 1), 200) OFFSET greatest(p_offset, 0)
$$;
COMMENT ON FUNCTION gs_disclosures(text, integer, integer) IS
    'public fields of the published, unrevoked penalty decisions of a bureau';
REVOKE ALL ON FUNCTION gs_disclosures(text, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION gs_disclosures(text, integer, integer) TO gs_app;
