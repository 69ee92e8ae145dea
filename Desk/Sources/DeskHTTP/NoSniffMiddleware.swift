import Hummingbird

/// `X-Content-Type-Options: nosniff` on every answer, so no browser reads a JSON body that echoes
/// user input (an id, a label, a path) as HTML or script.
struct NoSniffMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
