/// Whether a campaign is marketing or a notification (DOMAIN.md §3), which
/// decides the rules it follows.
public enum CampaignType: String, Sendable, CaseIterable {
    /// Offers and news: needs the recipient's consent and an opt-out
    /// mention (CNIL; CPCE L34-5), and goes only inside the legal window.
    case marketing
    /// Appointment reminders, order status: no mention, any time.
    case notification
}
