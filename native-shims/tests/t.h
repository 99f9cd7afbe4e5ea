/* A tiny test harness: CHECK records failures and continues; each test
 * function is run by RUN; main ends with T_SUMMARY. */
#ifndef MINIPOD_T_H
#define MINIPOD_T_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int t_pass, t_fail, t_skip, t_cur_failed;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		t_cur_failed = 1; \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	if (!a_ || !b_ || strcmp(a_, b_) != 0) { \
		fprintf(stderr, "  FAIL %s:%d: `%s` != `%s`\n", __FILE__, __LINE__, \
			a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
		t_cur_failed = 1; \
	} \
} while (0)

/* Tests that return 1 were skipped (reason already printed). */
#define RUN(fn) do { \
	t_cur_failed = 0; \
	int skipped_ = fn(); \
	if (skipped_) { t_skip++; printf("skip %s\n", #fn); } \
	else if (t_cur_failed) { t_fail++; printf("FAIL %s\n", #fn); } \
	else { t_pass++; printf("ok   %s\n", #fn); } \
} while (0)

#define SKIP_UNLESS_ROOT() do { \
	if (geteuid() != 0) { \
		printf("     (needs root: namespaces and mounts)\n"); \
		return 1; \
	} \
} while (0)

#define T_SUMMARY(name) ( \
	printf("%s: %d passed, %d failed, %d skipped\n", name, t_pass, t_fail, t_skip), \
	t_fail ? 1 : 0)

#endif
