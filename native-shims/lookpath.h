#ifndef MINIPOD_LOOKPATH_H
#define MINIPOD_LOOKPATH_H

#include <stddef.h>

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* Resolves file like execvp: a name with '/' is used as is; otherwise the
 * first regular, executable PATH entry wins (an empty entry means ".").
 * Returns 0, -ENOENT (nothing found), -EACCES (found, not executable) or
 * -ENAMETOOLONG. Async-signal-safe (stack only, stat/access). */
int lookpath(const char *file, const char *path, char *out, size_t outlen);

#endif
