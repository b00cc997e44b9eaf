/* The import of a journal's complete lines, for its replay. */
#ifndef CXM_IMPORT_PRIVATE_H
#define CXM_IMPORT_PRIVATE_H

#include <cxm/import.h>

/* An import of the first @length bytes of @fd, read from offset 0 with
 * pread(2). */
gboolean cxm_import_fd_prefix(CxmRecorder *recorder, int fd, guint64 length,
                              const char *source, CxmImportResult *result,
                              GError **error);

#endif
