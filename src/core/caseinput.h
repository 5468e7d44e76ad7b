/*
 * caseinput.h — what a user submits to the case services, read from any
 * body through core/fields.h: a proposal, and the fields of an action.
 *
 * One reader serves the JSON API and the HTML forms, so both faces accept
 * the same keys with the same checks and name the same field when one is
 * wrong. A new field is one line in the reader (and its key in the list
 * of keys below); the state machine's guards decide what it must hold.
 */
#ifndef GS_CORE_CASEINPUT_H
#define GS_CORE_CASEINPUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/caseflow.h"
#include "core/fields.h"
#include "core/util.h"
#include "core/verr.h"

#define CASE_INVESTIGATORS_MAX 16

/* A new case, as proposed. Text points into the body that was read. */
struct case_new {
	const char *entity_id;
	const char *clue_id;
	const char *inspection_id;
	const char *violation_type;
	const char *summary_md;
	const char *discovered_on;
	const char *party_kind;
	const char *const *investigator_ids;
	size_t ninvestigators;
};

/* A proposal with room for its investigators. */
struct case_new_body {
	struct case_new n;
	const char *ids[CASE_INVESTIGATORS_MAX];
};

/* An action's body: the version it was read at, its fields, and the
 * officers approve_filing adds. */
struct case_act_body {
	int64_t version;
	struct case_input in;
	const char *investigator_ids[CASE_INVESTIGATORS_MAX];
	size_t ninvestigators;
};

/* Every key a proposal / an action may carry (NULL-terminated): a JSON
 * body with another key is refused. */
extern const char *const case_new_keys[];
extern const char *const case_act_keys[];

/* Service methods (送达方式): code and label. */
#define CASE_SERVICE_METHODS 5
extern const struct code_label case_service_methods[CASE_SERVICE_METHODS];

/*
 * Reads a proposal. Only type errors are added to errs here; whether the
 * values make a valid case is the service's check (db_case_create).
 */
void
case_new_read(const struct fields *, struct case_new_body *, struct verr *errs);
/*
 * Reads an action's body: a missing or malformed version, a field of the
 * wrong type and a code outside its list are added to errs. Codes the
 * state machine's guards name themselves (outcome, kind, ...) are left
 * empty for the guard to refuse.
 */
void
case_act_read(const struct fields *, struct case_act_body *, struct verr *errs);

#endif
