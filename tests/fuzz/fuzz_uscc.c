/*
 * fuzz_uscc.c — a code uscc_validate() accepts must be canonical: 18
 * uppercase characters whose recomputed check character is the last one,
 * and accepted again as it stands.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/uscc.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char out[USCC_LEN + 1], again[USCC_LEN + 1];
	enum uscc_result rc;

	rc = uscc_validate((const char *)data, len, out);
	if (uscc_message(rc) == NULL)
		abort();
	if (rc != USCC_OK)
		return (0);

	if (strlen(out) != USCC_LEN)
		abort();
	if (uscc_check_char(out) != out[USCC_LEN - 1])
		abort();
	if (uscc_validate(out, USCC_LEN, again) != USCC_OK ||
	    memcmp(out, again, sizeof(out)) != 0)
		abort();
	return (0);
}
