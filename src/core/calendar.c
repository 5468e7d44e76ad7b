/*
 * calendar.c — civil dates as day numbers and the working-day arithmetic of
 * statutory periods.
 *
 * Day numbers convert to and from year/month/day with Howard Hinnant's
 * days_from_civil and civil_from_days algorithms, which count in 400-year
 * eras from 0000-03-01 so that the leap day falls at the end of a year and
 * need no tables. Holidays and make-up working days are kept in sorted
 * arrays and found by binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/util.h"

#define SECONDS_PER_DAY 86400
#define SHANGHAI_OFFSET (8 * 3600)
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2999
#define DATE_LIST_MIN 16

static int64_t floor_div(int64_t, int64_t);
static int is_leap_year(int);
static int days_in_month(int, int);
static int parse_digits(const char *, size_t, int *);
static void put_digits(char *, int, size_t);
static void date_list_add(gs_date **, size_t *, gs_date);
static void date_list_finish(gs_date *, size_t *);
static int date_list_contains(const gs_date *, size_t, gs_date);
static int date_compare(const void *, const void *);

/* Division rounding towards minus infinity, for days before 1970. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q;

	q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return (q);
}

static int
is_leap_year(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (m == 2 && is_leap_year(y))
		return (29);
	return (days[m - 1]);
}

/* Exactly n ASCII digits; isdigit() would depend on the locale. */
static int
parse_digits(const char *s, size_t n, int *out)
{
	size_t i;
	int v;

	v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (GS_ERROR);
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return (GS_OK);
}

int
date_parse(const char *s, gs_date *out)
{
	int y, m, d;

	if (s == NULL)
		return (GS_ERROR);
	/* Checked in order so that a short string is never read past NUL. */
	if (parse_digits(s, 4, &y) != GS_OK || s[4] != '-' ||
	    parse_digits(s + 5, 2, &m) != GS_OK || s[7] != '-' ||
	    parse_digits(s + 8, 2, &d) != GS_OK || s[10] != '\0')
		return (GS_ERROR);
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return (GS_ERROR);
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return (GS_ERROR);

	*out = date_from_ymd(y, m, d);
	return (GS_OK);
}

/* Writes v as exactly width decimal digits (the low ones). */
static void
put_digits(char *out, int v, size_t width)
{
	size_t i;

	if (v < 0)
		v = -v;
	for (i = width; i > 0; i--) {
		out[i - 1] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_format(gs_date date, char out[GS_DATE_STRLEN])
{
	int y, m, d;

	/*
	 * By hand rather than snprintf: the output has a fixed shape, and
	 * gcc's -Wformat-truncation cannot know that y has four digits.
	 */
	date_to_ymd(date, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

gs_date
date_from_ymd(int y, int m, int d)
{
	int64_t yy, era, yoe, doy, doe, mp;

	/* Years begin in March so that February's length does not matter. */
	yy = (int64_t)y - (m <= 2);
	era = floor_div(yy, 400);
	yoe = yy - era * 400;
	mp = (m + 9) % 12;
	doy = (153 * mp + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return ((gs_date)(era * 146097 + doe - 719468));
}

void
date_to_ymd(gs_date date, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = (int64_t)date + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
date_weekday(gs_date date)
{
	int r;

	/* 1970-01-01 was a Thursday (ISO 4). */
	r = (int)(((int64_t)date + 3) % 7);
	if (r < 0)
		r += 7;
	return (r + 1);
}

gs_date
date_of_instant_shanghai(time_t t)
{
	int64_t local;

	/*
	 * China kept summer time from 1986 to 1991; every date the bureau
	 * handles is later, so a fixed UTC+8 is exact.
	 */
	local = (int64_t)t + SHANGHAI_OFFSET;
	return ((gs_date)floor_div(local, SECONDS_PER_DAY));
}

gs_date
date_add_months(gs_date date, int n)
{
	int y, m, d, last;
	int64_t months;

	date_to_ymd(date, &y, &m, &d);
	months = (int64_t)y * 12 + (m - 1) + n;
	y = (int)floor_div(months, 12);
	m = (int)(months - (int64_t)y * 12) + 1;
	last = days_in_month(y, m);
	if (d > last)
		d = last;
	return (date_from_ymd(y, m, d));
}

gs_date
date_month_end(gs_date date)
{
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return (date_from_ymd(y, m, days_in_month(y, m)));
}

/* "HH:MM" or "HH:MM:SS" at s into seconds of the day; its length or 0. */
static size_t
parse_time_of_day(const char *s, int *secs)
{
	int h, m, sec = 0;
	size_t n = 5;

	if (!parse_digits(s, 2, &h) || s[2] != ':' ||
	    !parse_digits(s + 3, 2, &m) || h > 23 || m > 59)
		return (0);
	if (s[5] == ':') {
		if (!parse_digits(s + 6, 2, &sec) || sec > 59)
			return (0);
		n = 8;
		/* Fractions of a second (JavaScript writes milliseconds)
		 * are read and dropped: no clock here counts below one. */
		if (s[8] == '.') {
			for (n = 9; s[n] >= '0' && s[n] <= '9'; n++)
				;
			if (n == 9)
				return (0);
		}
	}
	*secs = h * 3600 + m * 60 + sec;
	return (n);
}

int
instant_parse(const char *s, time_t *out)
{
	char day[GS_DATE_STRLEN];
	gs_date d;
	int secs, oh, om, sign;
	size_t n;
	int64_t t;

	if (s == NULL || strlen(s) < 17 || (s[10] != 'T' && s[10] != ' '))
		return (GS_ERROR);
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &d) || (n = parse_time_of_day(s + 11, &secs)) == 0)
		return (GS_ERROR);
	s += 11 + n;
	if (strcmp(s, "Z") == 0) {
		oh = om = 0;
		sign = 1;
	} else {
		if ((s[0] != '+' && s[0] != '-') || strlen(s) != 6 ||
		    !parse_digits(s + 1, 2, &oh) || s[3] != ':' ||
		    !parse_digits(s + 4, 2, &om) || oh > 14 || om > 59)
			return (GS_ERROR);
		sign = s[0] == '+' ? 1 : -1;
	}
	t = (int64_t)d * SECONDS_PER_DAY + secs - sign * (oh * 3600 + om * 60);
	*out = (time_t)t;
	return (GS_OK);
}

void
instant_format(time_t t, char out[GS_INSTANT_STRLEN])
{
	int64_t local = (int64_t)t + SHANGHAI_OFFSET;
	int64_t secs =
	    local - floor_div(local, SECONDS_PER_DAY) * SECONDS_PER_DAY;

	date_format(date_of_instant_shanghai(t), out);
	out[10] = 'T';
	put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(secs % 60), 2);
	memcpy(out + 19, "+08:00", 7);
}

time_t
instant_of_date_shanghai(gs_date d)
{
	return ((time_t)((int64_t)d * SECONDS_PER_DAY - SHANGHAI_OFFSET));
}

void
calendar_init(struct calendar *cal)
{
	cal->holidays = NULL;
	cal->nholidays = 0;
	cal->workdays = NULL;
	cal->nworkdays = 0;
}

void
calendar_free(struct calendar *cal)
{
	free(cal->holidays);
	free(cal->workdays);
	calendar_init(cal);
}

/*
 * The struct has no capacity field, so the list grows whenever its length
 * reaches a power of two (at least DATE_LIST_MIN), to twice that: the
 * capacity always exceeds the length. De-duplication only lowers the
 * length, which keeps that true.
 */
static void
date_list_add(gs_date **list, size_t *n, gs_date date)
{
	size_t cap;

	if (*n == 0 || (*n >= DATE_LIST_MIN && (*n & (*n - 1)) == 0)) {
		cap = *n < DATE_LIST_MIN ? DATE_LIST_MIN : *n * 2;
		*list = xrealloc(*list, cap * sizeof(**list));
	}
	(*list)[(*n)++] = date;
}

static int
date_compare(const void *a, const void *b)
{
	gs_date x, y;

	x = *(const gs_date *)a;
	y = *(const gs_date *)b;
	return ((x > y) - (x < y));
}

static void
date_list_finish(gs_date *list, size_t *n)
{
	size_t i, out;

	if (*n == 0)
		return;
	qsort(list, *n, sizeof(*list), date_compare);
	out = 1;
	for (i = 1; i < *n; i++) {
		if (list[i] != list[out - 1])
			list[out++] = list[i];
	}
	*n = out;
}

static int
date_list_contains(const gs_date *list, size_t n, gs_date date)
{
	size_t lo, hi, mid;

	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (list[mid] == date)
			return (1);
		if (list[mid] < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (0);
}

void
calendar_add_holiday(struct calendar *cal, gs_date date)
{
	date_list_add(&cal->holidays, &cal->nholidays, date);
}

void
calendar_add_workday(struct calendar *cal, gs_date date)
{
	date_list_add(&cal->workdays, &cal->nworkdays, date);
}

void
calendar_finish(struct calendar *cal)
{
	date_list_finish(cal->holidays, &cal->nholidays);
	date_list_finish(cal->workdays, &cal->nworkdays);
}

int
calendar_is_workday(const struct calendar *cal, gs_date date)
{
	/* A make-up day is worked whatever else is said of it. */
	if (date_list_contains(cal->workdays, cal->nworkdays, date))
		return (1);
	if (date_weekday(date) > 5)
		return (0);
	return (!date_list_contains(cal->holidays, cal->nholidays, date));
}

gs_date
calendar_next_workday(const struct calendar *cal, gs_date date)
{
	/* Ends: only the finite holiday list can run past a weekend. */
	while (!calendar_is_workday(cal, date))
		date++;
	return (date);
}

gs_date
calendar_add_working_days(const struct calendar *cal, gs_date start, int n)
{
	gs_date date;

	date = start;
	while (n > 0) {
		date++;
		if (calendar_is_workday(cal, date))
			n--;
	}
	return (date);
}

gs_date
calendar_add_days(const struct calendar *cal, gs_date start, int n)
{
	return (calendar_next_workday(cal, start + n));
}

int
calendar_working_days_between(const struct calendar *cal, gs_date from,
    gs_date to)
{
	int64_t date;
	int count;

	/* int64_t so that to == INT32_MAX cannot overflow the loop. */
	count = 0;
	for (date = (int64_t)from + 1; date <= to; date++) {
		if (calendar_is_workday(cal, (gs_date)date))
			count++;
	}
	return (count);
}
