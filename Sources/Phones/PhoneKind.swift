/// What a valid number is for, as the numbering plan assigns its range
/// (libphonenumber's number types).
package enum PhoneKind: String, Sendable, CaseIterable {
    case mobile
    case fixed
    /// A range shared by fixed and mobile lines (Saint-Pierre-et-Miquelon).
    case fixedOrMobile = "fixed_or_mobile"
    case voip
    case tollFree = "toll_free"
    case premium
    case sharedCost = "shared_cost"
    case personal
    case pager
    case uan
    case voicemail
    /// A number of a possible length in a range not assigned to anything.
    case invalid

    /// True for the numbers an SMS can reach.
    package var receivesSMS: Bool { self == .mobile || self == .fixedOrMobile }
}
