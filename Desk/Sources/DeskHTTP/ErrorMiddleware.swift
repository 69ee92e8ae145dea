import DeskCore
import Hummingbird
import Logging
import NIOHTTP1

/// Turns every error into a JSON response: ``DeskError`` keeps its status; Hummingbird's own HTTP
/// errors (unknown route, wrong method, body too large) keep theirs; a body the HTTP parser rejects
/// is a 400 (``ParseErrorHandler/answer(to:)``); anything else is logged and answered with a 500 that
/// reveals nothing.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as DeskError {
            if error.status >= 500 { context.logger.error("request failed", metadata: ["error": "\(error)"]) }
            return JSONResponse.error(error)
        } catch let error as HTTPParserError {
            // A request body the HTTP parser rejects (a malformed chunk): bad input, not a failure.
            return JSONResponse.error(ParseErrorHandler.answer(to: error))
        } catch let error as any HTTPResponseError {
            let status = error.status
            if status == .notFound, let allowed = AllowedMethods.methods(for: request.uri.path),
                !allowed.contains(request.method.rawValue)
            {
                var response = JSONResponse.error(
                    DeskError(
                        status: 405, code: "method_not_allowed",
                        reason: "\(request.method) is not allowed here (allowed: \(allowed.joined(separator: ", ")))"))
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            let code =
                status == .notFound
                ? "not_found"
                : status == .methodNotAllowed
                    ? "method_not_allowed" : status == .contentTooLarge ? "body_too_large" : "bad_request"
            let reason = status == .notFound ? "no route \(request.method) \(request.uri.path)" : status.reasonPhrase
            return JSONResponse.error(DeskError(status: status.code, code: code, reason: reason))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return JSONResponse.error(
                DeskError(status: 500, code: "internal", reason: "internal error; see the server log"))
        }
    }
}
