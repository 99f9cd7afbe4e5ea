/* Raw syscalls without (or with unsafe) glibc wrappers.
 * Credentials go through raw syscalls on purpose: glibc's setresuid()
 * broadcasts SIGSETXID to every thread it knows of, which is wrong in a
 * vfork-style child of a multithreaded JVM. */
#ifndef MINIPOD_SYSX_H
#define MINIPOD_SYSX_H

#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <sys/wait.h>  /* glibc >= 2.36 has P_PIDFD in idtype_t */
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static inline int sys_pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static inline int sys_pidfd_send_signal(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

static inline int sys_close_range(unsigned first, unsigned last, unsigned flags)
{
	return (int)syscall(SYS_close_range, first, last, flags);
}

static inline int sys_setgroups(size_t n, const gid_t *list)
{
	return (int)syscall(SYS_setgroups, n, list);
}

static inline int sys_setresgid(gid_t gid)
{
	return (int)syscall(SYS_setresgid, gid, gid, gid);
}

static inline int sys_setresuid(uid_t uid)
{
	return (int)syscall(SYS_setresuid, uid, uid, uid);
}

/* Kernel-level mask change: also covers glibc's internal signals (32, 33)
 * that sigprocmask() silently skips. */
static inline int sys_sigmask(int how, const uint64_t *set, uint64_t *old)
{
	return (int)syscall(SYS_rt_sigprocmask, how, set, old, sizeof(uint64_t));
}

/* Every signal back to SIG_DFL, including the ones glibc's sigaction()
 * refuses to touch. SIGKILL/SIGSTOP fail with EINVAL; that is fine. */
static inline void sys_reset_signal_handlers(void)
{
	struct {
		void *handler;
		unsigned long flags;
		void *restorer;
		uint64_t mask;
	} dfl = { 0 };

	for (int sig = 1; sig < 65; sig++)
		syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof(uint64_t));
}

static inline void sys_unblock_all_signals(void)
{
	uint64_t none = 0;

	sys_sigmask(SIG_SETMASK, &none, NULL);
}

#endif
