/*
 * audit.h — the audit chain's canonical form and link hash.
 *
 * Must match gs_audit_canonical() and gs_audit_link() in
 * migrations/0001_platform.sql byte for byte: the database writes the
 * chain, this code checks it without trusting the database's functions.
 */
#ifndef GS_CORE_AUDIT_H
#define GS_CORE_AUDIT_H

#include <stdint.h>

#include "core/util.h"

#define AUDIT_HASH_LEN 32
#define AUDIT_NFIELDS 12

/*
 * The fields in canonical order: seq, bureau_id, at (UTC, microseconds,
 * "YYYY-MM-DDTHH:MM:SS.ffffffZ"), actor_id, actor_name, action, context,
 * object_type, object_id, before, after, request_id; NULL counts as "".
 */
void audit_canonical(struct buf *out, const char *const fields[AUDIT_NFIELDS]);
/* SHA-256(prev || canonical(fields)). */
void audit_link(const uint8_t prev[AUDIT_HASH_LEN],
    const char *const fields[AUDIT_NFIELDS], uint8_t out[AUDIT_HASH_LEN]);

/* 中文 for an audit action ("entity.update" → "修改检查对象"). */
const char *audit_action_label(const char *action);
/* 中文 for the context a record was written in ("entities.import" →
 * "批量导入检查对象"); "" is a change made outside the application. */
const char *audit_context_label(const char *context);

#endif
