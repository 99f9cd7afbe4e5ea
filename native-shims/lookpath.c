#include "lookpath.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy_str(char *out, size_t outlen, const char *s, size_t n)
{
	if (n + 1 > outlen)
		return -ENAMETOOLONG;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* out = dir + "/" + file; an empty dir stands for ".". */
static int join(char *out, size_t outlen, const char *dir, size_t dlen, const char *file)
{
	size_t flen = strlen(file);

	if (dlen == 0) {
		dir = ".";
		dlen = 1;
	}
	if (dlen + 1 + flen + 1 > outlen)
		return -ENAMETOOLONG;
	memcpy(out, dir, dlen);
	out[dlen] = '/';
	memcpy(out + dlen + 1, file, flen + 1);
	return 0;
}

static int check_candidate(const char *p)
{
	struct stat st;

	if (stat(p, &st) < 0 || !S_ISREG(st.st_mode))
		return -ENOENT;
	return access(p, X_OK) == 0 ? 0 : -EACCES;
}

int lookpath(const char *file, const char *path, char *out, size_t outlen)
{
	int result = -ENOENT;

	if (!*file)
		return -ENOENT;
	if (strchr(file, '/'))
		return copy_str(out, outlen, file, strlen(file));
	if (!path)
		path = DEFAULT_PATH;
	for (const char *p = path;; ) {
		const char *end = strchr(p, ':');
		size_t dlen = end ? (size_t)(end - p) : strlen(p);
		if (join(out, outlen, p, dlen, file) == 0) {
			int rc = check_candidate(out);
			if (rc == 0)
				return 0;
			if (rc == -EACCES)
				result = rc;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return result;
}
