/* CEditLine: libedit's native histedit API for Swift. el_set, el_get and history are variadic;
 * each wrapper below fixes one call shape. */
#include <stdio.h>
#include <histedit.h>

/* why: EL_PROMPT takes a function pointer through varargs */
static inline int cedit_set_prompt(EditLine *el, char *(*fn)(EditLine *)) { return el_set(el, EL_PROMPT, fn); }
/* why: EL_ADDFN takes name, help and a callback through varargs */
static inline int cedit_add_function(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int))
    { return el_set(el, EL_ADDFN, name, help, fn); }
/* why: EL_BIND takes a NULL-terminated list of strings */
static inline int cedit_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, NULL); }
/* why: EL_SETTY takes a NULL-terminated list of strings */
static inline int cedit_setty(EditLine *el, const char *flag) { return el_set(el, EL_SETTY, "-d", flag, NULL); }
/* why: EL_EDITOR takes a string */
static inline int cedit_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
/* why: EL_SIGNAL takes an int */
static inline int cedit_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
/* why: EL_CLIENTDATA stores a context pointer */
static inline int cedit_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
/* why: EL_CLIENTDATA reads it back through an out parameter */
static inline void *cedit_get_clientdata(EditLine *el) { void *p = NULL; el_get(el, EL_CLIENTDATA, &p); return p; }
/* why: EL_HIST takes the history function and its handle */
static inline int cedit_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
/* why: history() is variadic; one wrapper per operation used */
static inline int cedit_history_setsize(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int cedit_history_setunique(History *h, int unique) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, unique); }
static inline int cedit_history_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int cedit_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int cedit_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline int cedit_history_clear(History *h) { HistEvent ev; return history(h, &ev, H_CLEAR); }
/* why: walking entries needs the HistEvent's string; NULL when there is none. Oldest is H_LAST, then H_PREV */
static inline const char *cedit_history_last(History *h) { HistEvent ev; return history(h, &ev, H_LAST) == -1 ? NULL : ev.str; }
static inline const char *cedit_history_prev(History *h) { HistEvent ev; return history(h, &ev, H_PREV) == -1 ? NULL : ev.str; }
