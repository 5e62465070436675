#ifndef TEXTO_CLIBXML2_SHIM_H
#define TEXTO_CLIBXML2_SHIM_H

// libxml2's headers pull in ICU's when it was built with ICU, and ICU's enums
// clash with the copy Foundation embeds ("'U_MF_...' from module
// '_FoundationICU' is not present in definition of 'enum UErrorCode'").
// We never use libxml2's ICU encoders: drop them before including anything.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#endif
