/*
 * stats.h — the penalty statistics management reports (domain.md section
 * 8): the figures, their groups and the year-on-year comparison.
 *
 * The database counts (migrations/0014, gs_stats_penalties: each figure by
 * its own date, a case once per measure kind); this module assembles what
 * it counted into a report: the figures of the range and of the same range
 * a year earlier, per group and in total, and what is derived from them
 * (the supporting-measure total as the sum of its five kinds, the average
 * fine, the clues in all, the change in per mille). Pure: the rows arrive
 * as (key, figure, value).
 */
#ifndef GS_CORE_STATS_H
#define GS_CORE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/util.h"

enum stat_figure {
	SF_CASES_FILED,
	SF_CASES_NOT_FILED,
	SF_CASES_REVOKED,
	SF_CASES_CLOSED,
	SF_CASES_OVERDUE,
	SF_PENALTY_DECISIONS,
	SF_NO_PENALTY_DECISIONS,
	SF_NO_PENALTY_MINOR,
	SF_NO_PENALTY_FIRST_OFFENCE,
	SF_NO_PENALTY_NO_FAULT,
	SF_NO_PENALTY_NOT_ESTABLISHED,
	SF_JUDICIAL_TRANSFERS,
	SF_FINES_FEN,
	SF_AVERAGE_FINE_FEN, /* derived */
	SF_PAID_FEN,
	SF_SURCHARGE_PAID_FEN,
	SF_OUTSTANDING_FEN,
	SF_SUPPORTING_MEASURE_CASES, /* derived: the five kinds summed */
	SF_DAILY_PENALTY_CASES,
	SF_DAILY_PENALTY_FINES_FEN,
	SF_SEIZURE_CASES,
	SF_PRODUCTION_LIMIT_CASES,
	SF_DETENTION_TRANSFER_CASES,
	SF_CRIMINAL_TRANSFER_CASES,
	SF_PERSONS_DETAINED,
	SF_PERSONS_COERCIVE,
	SF_HEARINGS,
	SF_LEGAL_REVIEWS,
	SF_COLLECTIVE_DISCUSSIONS,
	SF_CLUES, /* derived: every source */
	SF_CLUES_PUBLIC_REPORT,
	SF_CLUES_ONLINE_MONITORING,
	SF_CLUES_DOUBLE_RANDOM,
	SF_CLUES_PATROL,
	SF_CLUES_ASSIGNED,
	SF_CLUES_REFERRAL,
	SF_CLUES_MEDIA,
	SF_CLUES_CAMPAIGN,
	SF_DOUBLE_RANDOM_INSPECTIONS,
	SF_DOUBLE_RANDOM_PROBLEMS,
	SF_DOUBLE_RANDOM_PROBLEM_RATE, /* derived: per mille of inspections */
	SF_CREDIT_GREEN,
	SF_CREDIT_BLUE,
	SF_CREDIT_YELLOW,
	SF_CREDIT_RED,
	SF_CREDIT_BLACK,
	SF__MAX
};

/* How a figure reads. */
enum stat_unit {
	SU_COUNT, /* cases, decisions, clues */
	SU_FEN,   /* money: shown in 万元 */
	SU_PERSONS,
	SU_PERMILLE, /* a rate: shown as a percentage with one decimal */
};

/* What a figure is. */
struct stat_figure_def {
	const char *code;  /* as the database and the API name it */
	const char *label; /* 中文 */
	enum stat_unit unit;
	int whole_range; /* only a total: no groups */
	int snapshot;    /* as of today: no year before either */
};

const struct stat_figure_def *stat_figure_def(enum stat_figure);
enum stat_figure stat_figure_from(const char *code); /* SF__MAX unknown */

enum stat_group_by {
	SG_NONE,
	SG_SQUAD,
	SG_TOWNSHIP,
	SG_INDUSTRY,
	SG_SOURCE,
	SG_MONTH,
	SG__MAX
};

const char *stat_group_by_code(enum stat_group_by);
const char *stat_group_by_label(enum stat_group_by);
enum stat_group_by stat_group_by_from(const char *); /* SG__MAX unknown */

struct stat_totals {
	int64_t v[SF__MAX];
};

#define STAT_KEY_LEN 64
#define STAT_LABEL_LEN 128

struct stat_group {
	char key[STAT_KEY_LEN];     /* as the database groups: 2026-03, ... */
	char label[STAT_LABEL_LEN]; /* 中文, for the screen and exports */
	struct stat_totals cur;
	struct stat_totals prev; /* the same group a year earlier */
};

#define STAT_GROUPS_MAX 512

struct stat_report {
	gs_date from, to;           /* inclusive */
	gs_date prev_from, prev_to; /* a year earlier */
	enum stat_group_by by;
	struct stat_totals total;
	struct stat_totals prev_total;
	struct stat_group *groups;
	size_t ngroups;
	size_t cap;
	int truncated; /* more groups than STAT_GROUPS_MAX */
};

/* The same range a year earlier: 29 February becomes the 28th, and a
 * range ending on a month's last day ends on that month's last day. */
void stats_prev_range(gs_date from, gs_date to, gs_date *pfrom, gs_date *pto);

void
stats_init(struct stat_report *, gs_date from, gs_date to, enum stat_group_by);
void stats_free(struct stat_report *);
/*
 * One counted row: figure code with value n for group key (NULL: the whole
 * range), of the range (prev 0) or of the year before (prev 1). A month
 * key of the year before counts towards the same month of the range. An
 * unknown figure code is GS_ERROR (the database and this table disagree).
 */
int stats_add(struct stat_report *, int prev, const char *key,
    const char *figure, int64_t n);
/*
 * The derived figures of every set of totals; groups in their order
 * (months in time, the others by cases filed, most first, then by key);
 * each group's label from label(key, arg) or, for months and sources,
 * from the key itself ("2026年3月", "信访举报").
 */
void stats_finish(struct stat_report *,
    void (*label)(const char *key, char *out, size_t len, void *arg),
    void *arg);
/*
 * The change from prev to cur in per mille (125 = +12.5 %), rounded half
 * away from zero; GS_ERROR when prev is 0 (no base to compare with).
 */
int stats_change_permille(int64_t cur, int64_t prev, int64_t *out);
/* "12.5%" or "-3.0%" from per mille, or "—" when there is no base. */
void stats_change_text(int64_t cur, int64_t prev, char *out, size_t len);
/* A value as the screen shows it: a count, or fen as 万元 with 2 decimals
 * ("1,234.57"). */
void stats_value_text(enum stat_figure, int64_t v, char *out, size_t len);

/* The label of a clue source code ("public_report" -> "信访举报"). */
const char *stats_source_label(const char *code);

#endif
