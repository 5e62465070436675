// PostgreSQL's client library (libpq), for the store on PostgreSQL
// (Store/Database/PostgresConnection.swift). Debian: libpq-dev.
#include <libpq-fe.h>
