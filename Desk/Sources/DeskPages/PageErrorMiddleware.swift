import DeskCore
import DeskHTTP
import Hummingbird

/// What a page route answers when it fails: a plain HTML page with the status and a fixed sentence,
/// never the error, a stack or JSON (the JSON API under `/v1` keeps its own errors). Server errors
/// (5xx) are logged as `request failed`, like the API's. Client errors of form posts never get here:
/// they come back to the form's page with a notice (``PageRoutes/formPost(_:_:_:)``).
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = DeskContext
    let routes: PageRoutes

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let status: Int
            switch error {
            case let error as DeskError: status = error.status
            case let error as any HTTPResponseError: status = error.status.code
            default: status = 500
            }
            if status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            let message =
                status == 503
                ? "The desk cannot reach its database just now. Try again in a moment."
                : status >= 500
                    ? "Something went wrong on the desk's side; it is in the server log. Try again in a moment."
                    : "The desk could not read that request."
            var response = routes.html(
                "failed", PageRoutes.FailedPage(status: status, message: message), status: .init(code: status))
            if status == 503 { response.headers[.retryAfter] = "1" }
            return response
        }
    }
}
