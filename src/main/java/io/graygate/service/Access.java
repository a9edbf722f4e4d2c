package io.graygate.service;

import io.graygate.platform.config.Role;
import io.javalin.security.RouteRole;

/** The role an endpoint requires, as Javalin's route role; {@link #PUBLIC} needs no token. */
record Access(Role role) implements RouteRole {
    static final Access PUBLIC = new Access(null);
    static final Access VIEWER = new Access(Role.VIEWER);
    static final Access ANALYST = new Access(Role.ANALYST);
    static final Access OPERATOR = new Access(Role.OPERATOR);
    static final Access INGEST = new Access(Role.INGEST);
    static final Access AGENT = new Access(Role.AGENT);
}
