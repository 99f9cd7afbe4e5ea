#ifndef MINIPOD_MONITOR_H
#define MINIPOD_MONITOR_H

#include "config.h"

#define MSG_MAX 4096

/* Both return the monitor's exit status. */
int monitor_run(const struct config *c);
int monitor_exec(const struct config *c);

/* Joins the pid namespace at path for the next fork (or unshares a new one
 * when path is NULL and create is set). 0 or -1 with errno. */
int enter_pidns(const char *path, int create);

#endif
