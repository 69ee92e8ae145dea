import DeskCore
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request the HTTP/1 parser rejects before any route runs (a request line or headers over
/// 80 KiB, a bad `Content-Length`, a method the parser does not know, …) with the desk's JSON error
/// body, then closes the connection.
///
/// Hummingbird 2 runs NIO's parser without NIO's error handler and answers a parser error itself, in
/// `HTTPChannelHandler.handleHTTP`, with an empty `400`. This handler sits in the channel pipeline
/// after the parser (``DeskRouter/server(idleTimeout:)`` adds it through
/// `HTTP1Channel.Configuration.additionalChannelHandlers`), so it sees the error first and keeps it
/// from Hummingbird. When requests read before the broken one are still being answered (pipelining),
/// the answer follows their last response. Only an error inside the body of a request that is not
/// answered yet (a malformed chunk) goes on: reading the body then fails in the route, which answers a
/// JSON `400` (``ErrorMiddleware``); a route that never reads its body answers, and Hummingbird then
/// meets the error while skipping the body and adds its empty `400`. Two responses never interleave.
final class ParseErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose response has not ended yet.
    private var unanswered = 0
    /// Whether a request's head has been read and its end not yet.
    private var readingRequest = false
    /// A parser error to answer once every response owed has been written.
    private var pending: HTTPParserError?
    /// Whether this handler took charge of a parser error (the connection is closing).
    private var handled = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            unanswered += 1
            readingRequest = true
        case .body: break
        case .end: readingRequest = false
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        unanswered = max(0, unanswered - 1)
        context.write(data, promise: promise)
        if unanswered == 0, let error = pending {
            pending = nil
            answer(error, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After a parser error the decoder reports every further read as an error too: the connection
        // is already being answered and closed.
        if handled { return }
        // A request whose body is being read and not yet answered: its route must see the error
        // (``ErrorMiddleware`` answers it with JSON); swallowing it would leave the route waiting for
        // the rest of the body.
        guard let parserError = error as? HTTPParserError, !(readingRequest && unanswered > 0) else {
            context.fireErrorCaught(error)
            return
        }
        handled = true
        if unanswered == 0 { answer(parserError, context: context) } else { pending = parserError }
    }

    private func answer(_ error: HTTPParserError, context: ChannelHandlerContext) {
        let answer = Self.answer(to: error)
        let body = JSONResponse.errorBody(answer)
        let head = HTTPResponse(
            status: .init(code: answer.status),
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)",
                .connection: "close", .init("X-Content-Type-Options")!: "nosniff",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    /// The desk's error for a parser error: 431 for a head over the limit, 501 for a method the parser
    /// does not know (RFC 9110 §9.1), 400 for the rest, naming the header when the error does.
    static func answer(to error: HTTPParserError) -> DeskError {
        switch error {
        case .headerOverflow:
            DeskError(
                status: 431, code: "headers_too_large",
                reason: "the request line and headers exceed the server's limit (80 KiB)")
        case .invalidMethod:
            DeskError(status: 501, code: "method_not_implemented", reason: "the request method is not known")
        case .invalidContentLength, .unexpectedContentLength:
            DeskError(
                status: 400, code: "malformed_request", field: "Content-Length",
                reason: "the request's Content-Length is not valid (\(error))")
        case .invalidChunkSize:
            DeskError(
                status: 400, code: "malformed_request", field: "Transfer-Encoding",
                reason: "a chunk of the request body has no valid size")
        default:
            DeskError(status: 400, code: "malformed_request", reason: "the request is not valid HTTP/1.1 (\(error))")
        }
    }
}
