/*
 * evidence.h — evidence metadata and its custody log. The bytes are in
 * the content-addressed store (core/evstore.h); these services keep the
 * rows that name them.
 */
#ifndef GS_DB_EVIDENCE_H
#define GS_DB_EVIDENCE_H

#include <stdint.h>

#include "core/verr.h"
#include "db/cases.h"
#include "db/db.h"

struct evidence_new {
	const char *case_id;
	const char *kind;
	const char *description;
	const char *collected_on;
	const char *lat;
	const char *lng;
	const char *sha256;
	int64_t size;
	const char *filename;
	const char *content_type;
};

/* Evidence kinds (行政处罚法 art. 46): code and label. */
#define EVIDENCE_KINDS 9
extern const struct code_label evidence_kinds[EVIDENCE_KINDS];
/* The label of a kind's code, "" when unknown. */
const char *evidence_kind_label(const char *code);

/* Checks the metadata fields (kind, description, dates, coordinates). */
int evidence_validate(const struct evidence_new *, const char *today,
    struct verr *errs);

/*
 * Records a stored file as evidence of a case and logs its upload.
 * DB_NOTFOUND: no such case; DB_CONFLICT: the case is archived or ended.
 */
enum db_result db_evidence_create(struct db *, const struct case_actor *,
    const struct evidence_new *, struct verr *errs, char id[40]);

/* Appends to the custody log (viewed, downloaded, hash_mismatch). */
enum db_result db_evidence_custody(struct db *, const struct case_actor *,
    const char *evidence_id, const char *action);
/* Logs every evidence item of the case as exported (its dossier). */
enum db_result db_evidence_exported(struct db *, const struct case_actor *,
    const char *case_id);

#endif
