/* cgroup v2 device control: load a BPF_PROG_TYPE_CGROUP_DEVICE program and attach it to a cgroup. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

static int load(const uint64_t *insns, int32_t n, char *log, int32_t loglen)
{
	union bpf_attr a;

	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	a.insns = (uint64_t)(uintptr_t)insns;
	a.insn_cnt = (uint32_t)n;
	a.license = (uint64_t)(uintptr_t)"Apache-2.0"; /* no GPL-only helper is called */
	if (log != NULL && loglen > 1) {
		log[0] = '\0';
		a.log_level = 1;
		a.log_buf = (uint64_t)(uintptr_t)log;
		a.log_size = (uint32_t)loglen;
	}
	return sys_bpf(BPF_PROG_LOAD, &a);
}

int shim_bpf_attach_device_program(const char *cgroup_dir, const uint64_t *insns, int32_t n,
				   char *log, int32_t loglen)
{
	union bpf_attr a;
	int prog, cg, rc, err;

	if (n <= 0)
		return -EINVAL;
	prog = load(insns, n, NULL, 0);
	if (prog < 0) {
		err = errno;
		/* load again with the verifier's log, only to explain the failure */
		rc = load(insns, n, log, loglen);
		if (rc >= 0)
			close(rc);
		return -err;
	}
	cg = open(cgroup_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg < 0) {
		err = errno;
		close(prog);
		return -err;
	}
	memset(&a, 0, sizeof(a));
	a.target_fd = (uint32_t)cg;
	a.attach_bpf_fd = (uint32_t)prog;
	a.attach_type = BPF_CGROUP_DEVICE;
	a.attach_flags = BPF_F_ALLOW_MULTI; /* ancestors' programs keep running too */
	rc = sys_bpf(BPF_PROG_ATTACH, &a);
	err = errno;
	/* the attachment holds the program; it goes with the cgroup */
	close(cg);
	close(prog);
	return rc < 0 ? -err : 0;
}
