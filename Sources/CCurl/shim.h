/* CCurl: libcurl for Swift. curl_easy_setopt/getinfo and curl_multi_setopt are variadic macros,
 * which Swift cannot call; each wrapper below fixes one argument type. */
#include <curl/curl.h>

/* why: variadic setopt with a long argument */
static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
/* why: variadic setopt with a C string (libcurl copies strings it is given) */
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
/* why: variadic setopt with an opaque pointer (WRITEDATA, PRIVATE, HEADERDATA, POSTFIELDS) */
static inline CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
/* why: variadic setopt with a header list */
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
/* why: variadic setopt with a curl_off_t (POSTFIELDSIZE_LARGE) */
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
/* why: variadic setopt with a data callback (WRITEFUNCTION, HEADERFUNCTION) */
static inline CURLcode ccurl_easy_setopt_data_function(CURL *h, CURLoption o, size_t (*cb)(char *, size_t, size_t, void *))
    { return curl_easy_setopt(h, o, cb); }
/* why: variadic getinfo returning a long */
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
/* why: variadic getinfo returning a double */
static inline CURLcode ccurl_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
/* why: variadic getinfo returning a pointer (PRIVATE) */
static inline CURLcode ccurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
/* why: variadic multi setopt with a long */
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
