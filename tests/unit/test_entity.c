/*
 * test_entity.c — entity_validate() field by field with the messages the
 * user reads, and the category / status / grade labels.
 */
#include <string.h>

#include "unit.h"
#include "core/entity.h"
#include "core/util.h"

GS_SUITE(entity);

static struct entity_input in;
static struct verr errs;

/* A complete, valid entity; each test spoils one field. */
static void
good(void)
{
	memset(&in, 0, sizeof(in));
	in.uscc = "91350100M000100Y43";
	in.name = "永康市绿剑化工有限公司";
	in.address = "永康市东城街道九铃东路1号";
	in.township = "东城街道";
	in.industry = "化学原料和化学制品制造业";
	in.category = "key";
	in.legal_rep = "张三";
	in.lat = "28.888555";
	in.lng = "120.047001";
	in.status = "active";
	verr_init(&errs);
}

static int
validate(void)
{
	return (entity_validate(&in, &errs));
}

/* n copies of s in buf (which must be large enough). */
static const char *
repeat(char *buf, const char *s, size_t n)
{
	size_t i, len;

	len = strlen(s);
	for (i = 0; i < n; i++)
		memcpy(buf + i * len, s, len);
	buf[n * len] = '\0';
	return (buf);
}

Test(entity, complete_entity_is_valid)
{
	good();
	cr_assert_eq(validate(), GS_OK);
	cr_assert_eq(errs.n, 0);
	cr_assert_str_eq(in.uscc_canon, "91350100M000100Y43");
}

Test(entity, optional_fields_may_be_absent_or_empty)
{
	good();
	in.address = NULL;
	in.legal_rep = NULL;
	in.lat = NULL;
	in.lng = NULL;
	in.status = NULL;
	cr_assert_eq(validate(), GS_OK);

	good();
	in.address = "";
	in.legal_rep = "";
	in.lat = "";
	in.lng = "";
	in.status = "";
	cr_assert_eq(validate(), GS_OK);
	cr_assert_eq(errs.n, 0);
}

Test(entity, lowercase_uscc_is_canonicalised)
{
	good();
	in.uscc = " 91350100m000100y43 ";
	cr_assert_eq(validate(), GS_OK);
	cr_assert_str_eq(in.uscc_canon, "91350100M000100Y43");
}

Test(entity, uscc_messages)
{
	good();
	in.uscc = NULL;
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "uscc"), "请填写统一社会信用代码");
	cr_assert_str_eq(in.uscc_canon, "");

	good();
	in.uscc = "91350100M000100Y44";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "uscc"),
	    "统一社会信用代码校验位不正确");
	/* A refused code leaves no canonical form behind. */
	cr_assert_str_eq(in.uscc_canon, "");

	good();
	in.uscc = "91350100M000100Y4";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "uscc"), "统一社会信用代码应为18位");

	good();
	in.uscc = "91350100MO00100Y43";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "uscc"),
	    "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）");
}

Test(entity, name_is_required_two_to_two_hundred_characters)
{
	char buf[3 * 201 + 1];

	good();
	in.name = NULL;
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "请填写名称");

	good();
	in.name = "";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "请填写名称");

	good();
	in.name = "厂";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "名称至少2个字");

	good();
	in.name = "绿剑";
	cr_assert_eq(validate(), GS_OK);

	/* 200 characters are 600 bytes: counted as characters. */
	good();
	in.name = repeat(buf, "厂", 200);
	cr_assert_eq(validate(), GS_OK);

	good();
	in.name = repeat(buf, "厂", 201);
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "名称不能超过200个字");
}

Test(entity, control_characters_and_bad_utf8_are_refused)
{
	good();
	in.name = "绿剑\n化工";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "名称含有无效字符");

	good();
	in.name = "绿剑\t化工";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "name"), "名称含有无效字符");

	good();
	in.address = "东城\r街道";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "address"), "地址含有无效字符");

	/* Truncated three-byte sequence. */
	good();
	in.legal_rep = "张\xe4\xb8";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "legal_rep"),
	    "法定代表人含有无效字符");

	good();
	in.township = "东城\x01";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "township"), "镇街含有无效字符");
}

Test(entity, address_is_optional_up_to_two_hundred)
{
	char buf[3 * 201 + 1];

	good();
	in.address = repeat(buf, "路", 200);
	cr_assert_eq(validate(), GS_OK);
	good();
	in.address = repeat(buf, "路", 201);
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "address"), "地址不能超过200个字");
}

Test(entity, township_and_industry_are_required_up_to_sixty_four)
{
	char buf[3 * 65 + 1];

	good();
	in.township = NULL;
	in.industry = "";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 2);
	cr_assert_str_eq(verr_get(&errs, "township"), "请填写镇街");
	cr_assert_str_eq(verr_get(&errs, "industry"), "请填写行业");

	good();
	in.township = "镇";
	in.industry = repeat(buf, "业", 64);
	cr_assert_eq(validate(), GS_OK);

	good();
	in.township = repeat(buf, "镇", 65);
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "township"), "镇街不能超过64个字");

	good();
	in.industry = repeat(buf, "业", 65);
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "industry"), "行业不能超过64个字");
}

Test(entity, legal_rep_is_optional_up_to_sixty_four)
{
	char buf[3 * 65 + 1];

	good();
	in.legal_rep = repeat(buf, "张", 64);
	cr_assert_eq(validate(), GS_OK);
	good();
	in.legal_rep = repeat(buf, "张", 65);
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "legal_rep"),
	    "法定代表人不能超过64个字");
}

Test(entity, category_is_one_of_three_codes)
{
	good();
	in.category = NULL;
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "category"), "请选择监管类别");

	good();
	in.category = "";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "category"), "请选择监管类别");

	good();
	in.category = "重点排污单位";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "category"),
	    "监管类别应为 key（重点）、general（一般）或 special（特殊）");

	good();
	in.category = "KEY";
	cr_assert_eq(validate(), GS_ERROR);

	good();
	in.category = "general";
	cr_assert_eq(validate(), GS_OK);
	good();
	in.category = "special";
	cr_assert_eq(validate(), GS_OK);
}

Test(entity, status_is_active_or_closed)
{
	good();
	in.status = "closed";
	cr_assert_eq(validate(), GS_OK);

	good();
	in.status = "deleted";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "status"),
	    "状态应为 active（在营）或 closed（关停）");
}

Test(entity, coordinates_come_in_pairs)
{
	good();
	in.lng = NULL;
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "lng"), "经纬度须同时填写");
	cr_assert_null(verr_get(&errs, "lat"));

	good();
	in.lat = "";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "lat"), "经纬度须同时填写");
	cr_assert_null(verr_get(&errs, "lng"));
}

static void
check_lat(const char *lat, int ok)
{
	good();
	in.lat = lat;
	cr_assert_eq(validate(), ok ? GS_OK : GS_ERROR, "lat \"%s\"", lat);
	if (!ok)
		cr_assert_str_eq(verr_get(&errs, "lat"),
		    "纬度应为 -90 到 90 之间的小数（最多6位小数）");
}

static void
check_lng(const char *lng, int ok)
{
	good();
	in.lng = lng;
	cr_assert_eq(validate(), ok ? GS_OK : GS_ERROR, "lng \"%s\"", lng);
	if (!ok)
		cr_assert_str_eq(verr_get(&errs, "lng"),
		    "经度应为 -180 到 180 之间的小数（最多6位小数）");
}

Test(entity, latitude_range_and_format)
{
	check_lat("0", 1);
	check_lat("90", 1);
	check_lat("-90", 1);
	check_lat("90.000000", 1);
	check_lat("-90.000000", 1);
	check_lat("28.123456", 1);
	check_lat("090", 1);
	check_lat("-0", 1);

	check_lat("90.000001", 0);
	check_lat("-90.000001", 0);
	check_lat("91", 0);
	check_lat("28.1234567", 0); /* seven decimals */
	check_lat("0090", 0);       /* four integer digits */
	check_lat(".5", 0);
	check_lat("5.", 0);
	check_lat("+5", 0);
	check_lat(" 5", 0);
	check_lat("5 ", 0);
	check_lat("-", 0);
	check_lat("--5", 0);
	check_lat("1e1", 0);
	check_lat("28,5", 0);
	check_lat("nan", 0);
	check_lat("２８", 0); /* full-width digits */
}

Test(entity, longitude_range_and_format)
{
	check_lng("180", 1);
	check_lng("-180", 1);
	check_lng("120.047001", 1);
	check_lng("-0.5", 1);

	check_lng("180.000001", 0);
	check_lng("-180.5", 0);
	check_lng("999", 0);
	check_lng("1800", 0);
	check_lng("120.0470011", 0);
	check_lng("0x10", 0);
	check_lng("inf", 0);
}

Test(entity, both_coordinates_wrong_give_two_messages)
{
	good();
	in.lat = "100";
	in.lng = "200";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 2);
	cr_assert_str_eq(verr_get(&errs, "lat"),
	    "纬度应为 -90 到 90 之间的小数（最多6位小数）");
	cr_assert_str_eq(verr_get(&errs, "lng"),
	    "经度应为 -180 到 180 之间的小数（最多6位小数）");
}

Test(entity, every_field_wrong_one_message_each_in_form_order)
{
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	in.status = "x";
	in.lat = "1";
	cr_assert_eq(validate(), GS_ERROR);
	cr_assert_eq(errs.n, 7);
	cr_assert_str_eq(errs.items[0].field, "uscc");
	cr_assert_str_eq(errs.items[1].field, "name");
	cr_assert_str_eq(errs.items[2].field, "township");
	cr_assert_str_eq(errs.items[3].field, "industry");
	cr_assert_str_eq(errs.items[4].field, "category");
	cr_assert_str_eq(errs.items[5].field, "status");
	cr_assert_str_eq(errs.items[6].field, "lng");
}

Test(entity, result_counts_only_this_calls_errors)
{
	good();
	verr_add(&errs, "other", "earlier");
	cr_assert_eq(validate(), GS_OK);
	cr_assert_eq(errs.n, 1);
}

Test(entity, labels)
{
	cr_assert_str_eq(entity_category_label("key"), "重点排污单位");
	cr_assert_str_eq(entity_category_label("general"), "一般排污单位");
	cr_assert_str_eq(entity_category_label("special"), "特殊监管对象");
	cr_assert_str_eq(entity_category_label("green"), "");
	cr_assert_str_eq(entity_category_label(NULL), "");

	cr_assert_str_eq(entity_status_label("active"), "在营");
	cr_assert_str_eq(entity_status_label("closed"), "关停");
	cr_assert_str_eq(entity_status_label("Active"), "");

	cr_assert_str_eq(entity_grade_label("green"), "环保诚信");
	cr_assert_str_eq(entity_grade_label("blue"), "环保良好");
	cr_assert_str_eq(entity_grade_label("yellow"), "环保警示");
	cr_assert_str_eq(entity_grade_label("red"), "环保不良");
	cr_assert_str_eq(entity_grade_label("black"), "严重失信");
	cr_assert_str_eq(entity_grade_label("white"), "");
	cr_assert_str_eq(entity_grade_label(""), "");

	cr_assert(entity_category_valid("special"));
	cr_assert_not(entity_category_valid("closed"));
	cr_assert_not(entity_category_valid(NULL));
	cr_assert(entity_grade_valid("black"));
	cr_assert_not(entity_grade_valid("key"));
	cr_assert_not(entity_grade_valid(NULL));
}
