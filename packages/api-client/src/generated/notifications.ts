// Generated from services/notifications/openapi.json by openapi-typescript: do not edit.
// Regenerate with `pnpm --filter @commerce/api-client generate` (a test fails while this file is stale).

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (no token) */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's sent messages, newest first */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller’s messages, with its rendered text and HTML body */
        get: operations["getNotification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            service: string;
            /** @constant */
            status: "ok";
        };
        NotificationDetail: {
            /** @description ntf_ + 32 hex characters */
            id: string;
            /** @enum {string} */
            type: "order.placed" | "payment.failed" | "order.cancelled" | "payment.refunded" | "receipt.issued";
            orderId: string;
            subject: string;
            /** @description ISO-8601 UTC */
            createdAt: string;
            /** @constant */
            channel: "email";
            recipient: string;
            sentAt?: string;
            body: {
                text: string;
                html: string;
            };
        };
        NotificationPage: {
            items: {
                /** @description ntf_ + 32 hex characters */
                id: string;
                /** @enum {string} */
                type: "order.placed" | "payment.failed" | "order.cancelled" | "payment.refunded" | "receipt.issued";
                orderId: string;
                subject: string;
                /** @description ISO-8601 UTC */
                createdAt: string;
                /** @constant */
                channel: "email";
            }[];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            nextCursor: string | null;
        };
        Problem: {
            /** Format: uri */
            type: string;
            title: string;
            status: number;
            detail: string;
            errors?: {
                path: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        GatewayMessage: {
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description API Gateway: the stage's throttling limit (burst/rate, ADR 0012) was reached; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Too Many Requests"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The function failed: problem+json `internal-error` from the handler (logged with the correlation id), or API Gateway's `{"message":"Internal Server Error"}` when the invocation itself failed (crash, timeout, throttled function). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Internal Server Error"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description API Gateway: the function did not answer within the 30 s integration timeout. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Service Unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: number;
                /** @description nextCursor of the previous page, unchanged. */
                cursor?: string;
            };
            header?: {
                /** @description 1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id). */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. The JWT authorizer answers first with `{"message":"Unauthorized"}` (application/json); behind it the handler answers problem+json `unauthorized` (no token) or `invalid_token`. Both with WWW-Authenticate. */
            401: {
                headers: {
                    /** @description RFC 6750 challenge, e.g. `Bearer error="invalid_token"`. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A valid access token without the scope this route needs (commerce/notifications.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
            403: {
                headers: {
                    /** @description RFC 6750 challenge, e.g. `Bearer error="insufficient_scope"`. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Forbidden"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Invalid request (validation-failed): every failing field in errors[] (path and message). Also a cursor this API did not issue (query.cursor). */
            422: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API Gateway: the stage's throttling limit (burst/rate, ADR 0012) was reached; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Too Many Requests"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The function failed: problem+json `internal-error` from the handler (logged with the correlation id), or API Gateway's `{"message":"Internal Server Error"}` when the invocation itself failed (crash, timeout, throttled function). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Internal Server Error"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description API Gateway: the function did not answer within the 30 s integration timeout. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Service Unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
    getNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id). */
                "X-Correlation-Id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDetail"];
                };
            };
            /** @description No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. The JWT authorizer answers first with `{"message":"Unauthorized"}` (application/json); behind it the handler answers problem+json `unauthorized` (no token) or `invalid_token`. Both with WWW-Authenticate. */
            401: {
                headers: {
                    /** @description RFC 6750 challenge, e.g. `Bearer error="invalid_token"`. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Unauthorized"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description A valid access token without the scope this route needs (commerce/notifications.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
            403: {
                headers: {
                    /** @description RFC 6750 challenge, e.g. `Bearer error="insufficient_scope"`. */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Forbidden"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Unknown id, another customer's message, or a message not sent yet. */
            404: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid request (validation-failed): every failing field in errors[] (path and message). */
            422: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description API Gateway: the stage's throttling limit (burst/rate, ADR 0012) was reached; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Too Many Requests"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description The function failed: problem+json `internal-error` from the handler (logged with the correlation id), or API Gateway's `{"message":"Internal Server Error"}` when the invocation itself failed (crash, timeout, throttled function). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    /**
                     * @example {
                     *       "message": "Internal Server Error"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description API Gateway: the function did not answer within the 30 s integration timeout. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Service Unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
        };
    };
}
