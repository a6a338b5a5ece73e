package io.loonflow.bpmn.api;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Maps every failure to loonflow's envelope. No stack trace or HTTP 500 ever reaches a caller. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ApiResponse handled(ApiException e) {
        return ApiResponse.fail(e.getMessage(), e.data());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ApiResponse unreadableBody(HttpMessageNotReadableException e) {
        return ApiResponse.fail("请求参数不合法:request body is missing or is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ApiResponse wrongParameterType(MethodArgumentTypeMismatchException e) {
        return ApiResponse.fail("请求参数不合法:parameter '" + e.getName() + "' has an invalid value");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ApiResponse missingParameter(MissingServletRequestParameterException e) {
        return ApiResponse.fail("请求参数不合法:parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ApiResponse missingHeader(MissingRequestHeaderException e) {
        return ApiResponse.fail("请求参数不合法:header '" + e.getHeaderName() + "' is required");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Void> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
        if (e.getSupportedHttpMethods() != null) {
            builder.allow(e.getSupportedHttpMethods().toArray(new org.springframework.http.HttpMethod[0]));
        }
        return builder.build();
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ApiResponse mediaType(HttpMediaTypeException e) {
        return ApiResponse.fail("请求参数不合法:unsupported content type");
    }

    /** A broken or oversized multipart upload (run scripts): the caller's mistake, not ours. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ApiResponse multipart(org.springframework.web.multipart.MultipartException e) {
        if (e instanceof org.springframework.web.multipart.MaxUploadSizeExceededException) {
            return ApiResponse.fail("请求参数不合法:the uploaded file or request is too large");
        }
        return ApiResponse.fail("请求参数不合法:the multipart/form-data body could not be read");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ApiResponse> notFound(jakarta.servlet.http.HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiResponse.fail("not found: " + request.getRequestURI()));
    }

    /** A bug of ours: log it with a reference the operator can grep, answer in the envelope. */
    @ExceptionHandler(Exception.class)
    ApiResponse unexpected(Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("Unexpected error, reference {}", reference, e);
        return ApiResponse.fail("internal error, reference " + reference);
    }
}
