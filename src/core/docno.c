/*
 * docno.c — document kinds in the dossier's legal order and the format of
 * their numbers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "docno.h"
#include "util.h"

/*
 * order follows domain.md "Dossier": 正卷 — decision and its service;
 * filing; investigation and evidence; notices and their service; hearing
 * record; execution; closure. 副卷 — hearing report, review opinions,
 * legal review and collective discussion records.
 */
static const struct {
	const char *code;
	const char *title;
	const char *mark;
	enum doc_volume volume;
	int order;
} doc_kinds[DOC__MAX] = {
	[DOC_PENALTY_DECISION] = { "penalty_decision", "行政处罚决定书", "罚",
	    DOC_VOLUME_MAIN, 10 },
	[DOC_NO_PENALTY_DECISION] = { "no_penalty_decision",
	    "不予行政处罚决定书", "不罚", DOC_VOLUME_MAIN, 11 },
	[DOC_SERVICE_RECEIPT] = { "service_receipt", "送达回证", "",
	    DOC_VOLUME_MAIN, 12 },
	[DOC_FILING_APPROVAL] = { "filing_approval", "立案审批表", "立",
	    DOC_VOLUME_MAIN, 20 },
	[DOC_INSPECTION_RECORD] = { "inspection_record", "现场检查（勘察）笔录",
	    "", DOC_VOLUME_MAIN, 30 },
	[DOC_INQUIRY_RECORD] = { "inquiry_record", "询问笔录", "",
	    DOC_VOLUME_MAIN, 31 },
	[DOC_CORRECTION_ORDER] = { "correction_order", "责令改正违法行为决定书",
	    "改", DOC_VOLUME_MAIN, 32 },
	[DOC_PENALTY_NOTICE] = { "penalty_notice", "行政处罚事先（听证）告知书",
	    "告", DOC_VOLUME_MAIN, 40 },
	[DOC_HEARING_NOTICE] = { "hearing_notice", "听证通知书", "听",
	    DOC_VOLUME_MAIN, 41 },
	[DOC_HEARING_RECORD] = { "hearing_record", "听证笔录", "",
	    DOC_VOLUME_MAIN, 50 },
	[DOC_DEMAND] = { "demand", "催告书", "催", DOC_VOLUME_MAIN, 60 },
	[DOC_CLOSURE_APPROVAL] = { "closure_approval", "结案审批表", "",
	    DOC_VOLUME_MAIN, 70 },
	/* Property handling (查封扣押) after the hearing, then the other
	 * measures with the execution. Each numbered kind has its own mark:
	 * numbers are counted per kind, and two kinds sharing a mark would
	 * issue the same number twice. */
	[DOC_SEIZURE_DECISION] = { "seizure_decision", "查封（扣押）决定书",
	    "封", DOC_VOLUME_MAIN, 52 },
	[DOC_SEIZURE_LIST] = { "seizure_list", "查封（扣押）清单", "",
	    DOC_VOLUME_MAIN, 53 },
	[DOC_SEIZURE_EXTENSION] = { "seizure_extension",
	    "延长查封（扣押）期限决定书", "延封", DOC_VOLUME_MAIN, 54 },
	[DOC_SEIZURE_RELEASE] = { "seizure_release", "解除查封（扣押）决定书",
	    "解封", DOC_VOLUME_MAIN, 55 },
	[DOC_LIMIT_DECISION] = { "limit_decision", "责令限制生产决定书", "限",
	    DOC_VOLUME_MAIN, 61 },
	[DOC_SUSPENSION_DECISION] = { "suspension_decision",
	    "责令停产整治决定书", "停", DOC_VOLUME_MAIN, 62 },
	[DOC_LIMIT_EXTENSION] = { "limit_extension", "延长限制生产期限决定书",
	    "延限", DOC_VOLUME_MAIN, 63 },
	[DOC_LIMIT_RELEASE] = { "limit_release", "解除限制生产、停产整治决定书",
	    "解限", DOC_VOLUME_MAIN, 64 },
	[DOC_DAILY_PENALTY_DECISION] = { "daily_penalty_decision",
	    "按日连续处罚决定书", "按日罚", DOC_VOLUME_MAIN, 65 },
	[DOC_DETENTION_TRANSFER] = { "detention_transfer",
	    "环境违法适用行政拘留处罚案件移送书", "移拘", DOC_VOLUME_MAIN, 66 },
	[DOC_CRIMINAL_TRANSFER] = { "criminal_transfer",
	    "涉嫌环境犯罪案件移送书", "移刑", DOC_VOLUME_MAIN, 67 },
	[DOC_TRANSFER_LIST] = { "transfer_list", "移送材料及涉案物品清单", "",
	    DOC_VOLUME_MAIN, 68 },
	[DOC_LEGAL_REVIEW] = { "legal_review", "法制审核意见书", "",
	    DOC_VOLUME_SIDE, 110 },
	[DOC_DISCUSSION_RECORD] = { "discussion_record", "集体讨论记录", "",
	    DOC_VOLUME_SIDE, 120 },
};

const char *
doc_kind_code(enum doc_kind k)
{
	return (k < DOC__MAX ? doc_kinds[k].code : "");
}

const char *
doc_kind_title(enum doc_kind k)
{
	return (k < DOC__MAX ? doc_kinds[k].title : "");
}

enum doc_kind
doc_kind_from(const char *code)
{
	int k;

	for (k = 0; code != NULL && k < DOC__MAX; k++) {
		if (strcmp(doc_kinds[k].code, code) == 0)
			return ((enum doc_kind)k);
	}
	return (DOC__MAX);
}

const char *
doc_kind_mark(enum doc_kind k)
{
	return (k < DOC__MAX ? doc_kinds[k].mark : "");
}

enum doc_volume
doc_kind_volume(enum doc_kind k)
{
	return (k < DOC__MAX ? doc_kinds[k].volume : DOC_VOLUME_SIDE);
}

int
doc_kind_order(enum doc_kind k)
{
	return (k < DOC__MAX ? doc_kinds[k].order : 1000);
}

int
docno_format(const char *prefix, const char *mark, int year, int64_t n,
    char *out, size_t len)
{
	int w;

	if (n < 1 || year < 1900 || year > 2999 ||
	    strlen(prefix) > DOCNO_PREFIX_MAX)
		return (GS_ERROR);
	w = snprintf(out, len, "%s%s〔%d〕%" PRId64 "号", prefix, mark, year,
	    n);
	return (w >= 0 && (size_t)w < len ? GS_OK : GS_ERROR);
}
