/*
 * docno.h — the legal documents of a case (domain.md section 4) and
 * their numbers: per bureau, year and kind, e.g. 永环罚〔2026〕12号.
 * The counter lives in PostgreSQL (one row per bureau, year and kind,
 * incremented inside the transaction that issues the document), so
 * numbers are unique and gapless under concurrency; this module only
 * knows the kinds and the format.
 */
#ifndef GS_CORE_DOCNO_H
#define GS_CORE_DOCNO_H

#include <stddef.h>
#include <stdint.h>

enum doc_kind {
	DOC_FILING_APPROVAL,
	DOC_INSPECTION_RECORD,
	DOC_INQUIRY_RECORD,
	DOC_CORRECTION_ORDER,
	DOC_PENALTY_NOTICE,
	DOC_HEARING_NOTICE,
	DOC_HEARING_RECORD,
	DOC_LEGAL_REVIEW,
	DOC_DISCUSSION_RECORD,
	DOC_PENALTY_DECISION,
	DOC_NO_PENALTY_DECISION,
	DOC_SERVICE_RECEIPT,
	DOC_DEMAND,
	DOC_CLOSURE_APPROVAL,
	/* Supporting measures and transfers (core/measure.h). */
	DOC_SEIZURE_DECISION,
	DOC_SEIZURE_LIST,
	DOC_SEIZURE_EXTENSION,
	DOC_SEIZURE_RELEASE,
	DOC_LIMIT_DECISION,
	DOC_SUSPENSION_DECISION,
	DOC_LIMIT_EXTENSION,
	DOC_LIMIT_RELEASE,
	DOC_DAILY_PENALTY_DECISION,
	DOC_DETENTION_TRANSFER,
	DOC_CRIMINAL_TRANSFER,
	DOC_TRANSFER_LIST,
	DOC__MAX
};

/* Which part of the dossier a document belongs in. */
enum doc_volume {
	DOC_VOLUME_MAIN, /* 正卷 */
	DOC_VOLUME_SIDE, /* 副卷: never disclosed */
};

const char *doc_kind_code(enum doc_kind);
const char *doc_kind_title(enum doc_kind); /* 行政处罚决定书 */
enum doc_kind doc_kind_from(const char *); /* DOC__MAX when unknown */
/* The mark inside the number (罚 in 永环罚〔2026〕12号); "" if unnumbered. */
const char *doc_kind_mark(enum doc_kind);
enum doc_volume doc_kind_volume(enum doc_kind);
/* Position in the dossier's legal order (lower first, within a volume). */
int doc_kind_order(enum doc_kind);

#define DOCNO_PREFIX_MAX 32 /* bytes of a bureau's prefix, e.g. 永环 */
#define DOCNO_LEN 96

/* prefix + mark + 〔year〕 + n + 号. GS_ERROR when it does not fit. */
int docno_format(const char *prefix, const char *mark, int year, int64_t n,
    char *out, size_t len);

#endif
