/* shim_mount_overlay: the new mount API first (one fsconfig call per lower
 * layer, so no one-page limit on the option string), classic mount(2) as a
 * fallback on kernels without fsopen or without "lowerdir+" (< 6.8). */
#include "shim.h"
#include "overlay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR_move_mount 429
#define NR_fsopen 430
#define NR_fsconfig 431
#define NR_fsmount 432
#define FSOPEN_CLOEXEC_ 0x1
#define FSCONFIG_SET_STRING_ 1
#define FSCONFIG_CMD_CREATE_ 6
#define FSMOUNT_CLOEXEC_ 0x1
#define MOVE_MOUNT_F_EMPTY_PATH_ 0x4

/* Marks "the new API cannot do this here; try mount(2)". */
#define FALLBACK 1

static int fs_set(int fsfd, const char *key, const char *value)
{
	return (int)syscall(NR_fsconfig, fsfd, FSCONFIG_SET_STRING_, key, value, 0);
}

static int configure_layers(int fsfd, char *const lowers[], const char *upper, const char *work)
{
	for (int i = 0; lowers[i]; i++) {
		if (fs_set(fsfd, "lowerdir+", lowers[i]) < 0)
			return i == 0 && errno == EINVAL ? FALLBACK : -errno;
	}
	if (upper && fs_set(fsfd, "upperdir", upper) < 0)
		return -errno;
	if (work && fs_set(fsfd, "workdir", work) < 0)
		return -errno;
	return 0;
}

static int mount_new_api(const char *target, char *const lowers[], const char *upper, const char *work)
{
	int fsfd, mfd, rc;

	fsfd = (int)syscall(NR_fsopen, "overlay", FSOPEN_CLOEXEC_);
	if (fsfd < 0)
		return errno == ENOSYS ? FALLBACK : -errno;
	rc = configure_layers(fsfd, lowers, upper, work);
	if (rc == 0 && syscall(NR_fsconfig, fsfd, FSCONFIG_CMD_CREATE_, NULL, NULL, 0) < 0)
		rc = -errno;
	if (rc == 0) {
		mfd = (int)syscall(NR_fsmount, fsfd, FSMOUNT_CLOEXEC_, 0);
		if (mfd < 0) {
			rc = -errno;
		} else {
			if (syscall(NR_move_mount, mfd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH_) < 0)
				rc = -errno;
			close(mfd);
		}
	}
	close(fsfd);
	return rc;
}

static int append(char **buf, size_t *len, const char *s)
{
	size_t n = strlen(s);
	char *p = realloc(*buf, *len + n + 1);

	if (!p)
		return -ENOMEM;
	memcpy(p + *len, s, n + 1);
	*buf = p;
	*len += n;
	return 0;
}

int overlay_mount_classic(const char *target, char *const lowers[], const char *upper, const char *work)
{
	char *opts = NULL;
	size_t len = 0;
	int rc = append(&opts, &len, "lowerdir=");

	for (int i = 0; lowers[i] && rc == 0; i++)
		rc = append(&opts, &len, i ? ":" : "") ?: append(&opts, &len, lowers[i]);
	if (upper && rc == 0)
		rc = append(&opts, &len, ",upperdir=") ?: append(&opts, &len, upper);
	if (work && rc == 0)
		rc = append(&opts, &len, ",workdir=") ?: append(&opts, &len, work);
	if (rc == 0 && mount("overlay", target, "overlay", 0, opts) < 0)
		rc = -errno;
	free(opts);
	return rc;
}

int shim_mount_overlay(const char *target, char *const lowers[], const char *upper, const char *work)
{
	int rc;

	if (!target || !lowers || !lowers[0])
		return -EINVAL;
	rc = mount_new_api(target, lowers, upper, work);
	return rc == FALLBACK ? overlay_mount_classic(target, lowers, upper, work) : rc;
}
