package dev.minipod.runtime.sandbox;

/** A live infra sandbox: the pause process and where its namespaces are pinned. */
public record SandboxHandle(String podUid, int pausePid, long pauseStartTime) {}
