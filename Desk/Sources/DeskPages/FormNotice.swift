import DeskCore

/// Why a page form post was refused, for a person: the page the form came back to shows it in its
/// `{{#error}}` alert box.
///
/// The redirect carries only a short code (`?error=resolved`), never text: each code maps here to a
/// fixed sentence, and an unknown code shows nothing. So a crafted link (`/?error=…`) can only show
/// one of the desk's own sentences, unlike `?flash=`, which shows any (escaped) text. On the worklist
/// the redirect may also name the dispute the form worked on (`&about=ID`); the page prefixes the
/// sentence with that id only when a stored dispute has it. Storing a one-time message with the
/// session would carry free text safely too, but needs a schema change and breaks with several tabs
/// open; a code needs neither.
enum FormNotice: String, CaseIterable, Sendable {
    /// No live session (it expired, was signed out or its token revoked): shown on the sign-in page.
    case session
    /// The form's CSRF token is missing or not this session's (a form from an earlier session).
    case csrf
    /// The role may read the worklist but not work disputes.
    case role
    /// No dispute has the form's id (any more).
    case missing
    /// A resolved dispute cannot be snoozed.
    case resolved
    case assignee
    case resolution
    /// `urgent`, `subject` or `severity` is not a value the desk knows.
    case verdict
    /// The form's nonce was already used for another verdict.
    case reused
    /// The form could not be read: too large, or a field holds a character the desk cannot store.
    case form
    /// Any other client error.
    case refused

    /// The sentence the page shows.
    var message: String {
        switch self {
        case .session: "Your session has ended, so nothing was done. Sign in again, then repeat what you were doing."
        case .csrf: "That form was out of date (it came from an earlier session), so nothing was done. Try again here."
        case .role: "Your role cannot work disputes, so nothing was done."
        case .missing: "That dispute no longer exists, so nothing was done."
        case .resolved: "This dispute is resolved, so it cannot be snoozed."
        case .assignee: "An assignee has at most 100 bytes; nothing was changed."
        case .resolution: "Choose a resolution from the list; the dispute was not resolved."
        case .verdict: "That verdict is not one the desk knows (urgent, subject or severity); nothing was logged."
        case .reused: "That form was already used for another verdict, so nothing was logged. Try again here."
        case .form: "The form could not be read (too large, or a character the desk cannot store); nothing was done."
        case .refused: "The desk refused that request, so nothing was done."
        }
    }

    /// The notice for a client error a form post raised.
    init(_ error: DeskError) {
        switch (error.status, error.code, error.field) {
        case (401, _, _): self = .session
        case (_, "csrf", _): self = .csrf
        case (403, _, _): self = .role
        case (404, _, _): self = .missing
        case (_, "dispute_resolved", _): self = .resolved
        case (_, "idempotency_key_reused", _): self = .reused
        case (_, _, "assignee"): self = .assignee
        case (_, _, "resolution"): self = .resolution
        case (_, _, "urgent"), (_, _, "subject"), (_, _, "severity"): self = .verdict
        case (400, _, _), (413, _, _): self = .form
        default: self = .refused
        }
    }

    /// The sentence for a page's `error` parameter (nil when there is none or it is not a code).
    static func message(code: String?, about id: String? = nil) -> String? {
        guard let code, let notice = FormNotice(rawValue: code) else { return nil }
        return (id.map { "Dispute \($0): " } ?? "") + notice.message
    }
}
