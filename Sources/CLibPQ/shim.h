/* CLibPQ: libpq for Swift. PG_DIAG_* are char literals ('C'), which Swift does not import. */
#include <libpq-fe.h>

enum {
    ATH_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE,
    ATH_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY,
    ATH_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL,
    ATH_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT,
};
