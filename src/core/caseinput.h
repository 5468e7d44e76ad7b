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
#include "core/measure.h"
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

/* ---- supporting measures and transfers (core/measure.h) ---- */

#define MEASURE_ITEMS_MAX 64
#define MEASURE_PERSONS_MAX 32
#define MEASURE_ITEM_FIELDS 3   /* name, quantity, note */
#define MEASURE_PERSON_FIELDS 2 /* name, role */

/* A proposal of a measure or a transfer, or an action's body. */
struct measure_body {
	int64_t version; /* actions */
	struct measure_input in;
	const char *officer_ids[CASE_INVESTIGATORS_MAX];
	size_t nofficers;
	const char *items[MEASURE_ITEMS_MAX * MEASURE_ITEM_FIELDS];
	const char *persons[MEASURE_PERSONS_MAX * MEASURE_PERSON_FIELDS];
};

extern const char *const measure_new_keys[];
extern const char *const transfer_new_keys[];
extern const char *const measure_act_keys[];

/*
 * Reads a proposal: of a measure (kind daily_penalty, seizure,
 * production_limit or production_suspension) or, with transfer set, of a
 * transfer (kind detention or criminal). A kind outside the list stays
 * MK__MAX for the guard to name; the items and persons are checked here
 * (a name each, lengths).
 */
void measure_new_read(const struct fields *, int transfer,
    struct measure_body *, struct verr *errs);
/* Reads an action's body: version (required) and the fields actions use. */
void measure_act_read(const struct fields *, struct measure_body *,
    struct verr *errs);

#endif
