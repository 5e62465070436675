import CLibXML2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises SpreadsheetML's namespace (Transitional or Strict) on element
/// URIs. libxml2 interns URIs, so after the first match a pointer
/// comparison answers; another pointer falls back to comparing the text.
struct SpreadsheetNamespace {
    private var known: UnsafePointer<xmlChar>?

    @inline(__always)
    mutating func matches(_ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let uri else { return false }
        if uri == known { return true }
        if SAXName.is(uri, SpreadsheetML.transitionalText) || SAXName.is(uri, SpreadsheetML.strictText) {
            known = uri
            return true
        }
        return false
    }
}

extension SpreadsheetML {
    static let transitionalText: StaticString = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let strictText: StaticString = "http://purl.oclc.org/ooxml/spreadsheetml/main"
}

/// Comparisons of libxml2's NUL-terminated local names with short ASCII
/// names, without building strings.
enum SAXName {
    @inline(__always)
    static func `is`(_ name: UnsafePointer<xmlChar>, _ a: UInt8) -> Bool {
        name[0] == a && name[1] == 0
    }

    @inline(__always)
    static func `is`(_ name: UnsafePointer<xmlChar>, _ a: UInt8, _ b: UInt8) -> Bool {
        name[0] == a && name[1] == b && name[2] == 0
    }

    @inline(__always)
    static func `is`(_ name: UnsafePointer<xmlChar>, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
        name[0] == a && name[1] == b && name[2] == c && name[3] == 0
    }

    static func `is`(_ name: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self),
               UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }
}
