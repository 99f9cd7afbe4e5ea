/* Internal to the library; exposed for tests. */
#ifndef MINIPOD_OVERLAY_H
#define MINIPOD_OVERLAY_H

/* mount(2) with "lowerdir=a:b,upperdir=u,workdir=w" (cut at one page by the
 * kernel; no escaping of ',' or ':' in paths). Returns 0 or -errno. */
int overlay_mount_classic(const char *target, char *const lowers[], const char *upper, const char *work);

#endif
