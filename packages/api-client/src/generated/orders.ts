// Generated from services/orders/openapi.json by openapi-typescript: do not edit.
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
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's orders, newest first */
        get: operations["listOrders"];
        put?: never;
        /** Place an order */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller's orders */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an order (PENDING_PAYMENT or PAID) */
        post: operations["cancelOrder"];
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
        CreateOrder: {
            currency: string;
            items: {
                sku: string;
                quantity: number;
                unitPriceCents: number;
            }[];
            /** @description The payment method to charge, as the payment provider's reference: a Stripe PaymentMethod id (pm_…) created in the browser with Stripe.js (card data never reaches this API). Required on stages that charge through Stripe. Locally (stage local's deterministic provider) only pm_card_authenticationRequired has an effect: like Stripe's test card of that name, the payment then waits for a customer action (3-D Secure, paymentAction). */
            paymentMethodId?: string;
        };
        Health: {
            service: string;
            /** @constant */
            status: "ok";
        };
        Order: {
            id: string;
            customerId: string;
            /** @enum {string} */
            status: "PENDING_PAYMENT" | "PAID" | "PAYMENT_FAILED" | "CANCELLED";
            currency: string;
            items: {
                sku: string;
                quantity: number;
                unitPriceCents: number;
            }[];
            totalCents: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            payment?: {
                paymentId: string;
                amountCents: number;
                currency: string;
                /** Format: date-time */
                capturedAt: string;
            };
            /** @description Only while PENDING_PAYMENT and the payment waits for the customer: complete it with the client secret from the payments API (GET /payments/{orderId}/action and Stripe.js handleNextAction); it disappears when the order turns PAID or PAYMENT_FAILED. */
            paymentAction?: {
                /**
                 * @description The bank asks the customer to authenticate the payment (SCA / 3-D Secure)
                 * @enum {string}
                 */
                type: "authenticate";
                paymentId: string;
                /** Format: date-time */
                since: string;
                /**
                 * Format: date-time
                 * @description After it the payment fails (authentication_required)
                 */
                expiresAt: string;
            };
            paymentFailure?: {
                reason: string;
                /** Format: date-time */
                failedAt: string;
            };
            refunds?: {
                refundId: string;
                paymentId: string;
                amountCents: number;
                currency: string;
                /** Format: date-time */
                refundedAt: string;
            }[];
            cancellation?: {
                /** Format: date-time */
                cancelledAt: string;
                /** @enum {string} */
                previousStatus: "PENDING_PAYMENT" | "PAID";
                reason?: string;
            };
        };
        OrderPage: {
            items: {
                id: string;
                customerId: string;
                /** @enum {string} */
                status: "PENDING_PAYMENT" | "PAID" | "PAYMENT_FAILED" | "CANCELLED";
                currency: string;
                items: {
                    sku: string;
                    quantity: number;
                    unitPriceCents: number;
                }[];
                totalCents: number;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                updatedAt: string;
                payment?: {
                    paymentId: string;
                    amountCents: number;
                    currency: string;
                    /** Format: date-time */
                    capturedAt: string;
                };
                /** @description Only while PENDING_PAYMENT and the payment waits for the customer: complete it with the client secret from the payments API (GET /payments/{orderId}/action and Stripe.js handleNextAction); it disappears when the order turns PAID or PAYMENT_FAILED. */
                paymentAction?: {
                    /**
                     * @description The bank asks the customer to authenticate the payment (SCA / 3-D Secure)
                     * @enum {string}
                     */
                    type: "authenticate";
                    paymentId: string;
                    /** Format: date-time */
                    since: string;
                    /**
                     * Format: date-time
                     * @description After it the payment fails (authentication_required)
                     */
                    expiresAt: string;
                };
                paymentFailure?: {
                    reason: string;
                    /** Format: date-time */
                    failedAt: string;
                };
                refunds?: {
                    refundId: string;
                    paymentId: string;
                    amountCents: number;
                    currency: string;
                    /** Format: date-time */
                    refundedAt: string;
                }[];
                cancellation?: {
                    /** Format: date-time */
                    cancelledAt: string;
                    /** @enum {string} */
                    previousStatus: "PENDING_PAYMENT" | "PAID";
                    reason?: string;
                };
            }[];
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
    listOrders: {
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
            /** @description A page of orders. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
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
            /** @description A valid access token without the scope this route needs (commerce/orders.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description Invalid request (validation-failed): every failing field in errors[] (path and message). Also a cursor not issued to this caller (query.cursor). */
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
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same body returns the same order (201, Idempotent-Replayed: true); same key + different body is 422 idempotency-key-reused. Scoped to the customer. */
                "Idempotency-Key"?: string;
                /** @description 1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id). */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrder"];
            };
        };
        responses: {
            /** @description The order (new, or the one an earlier request with the same Idempotency-Key created). */
            201: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    /** @description /orders/{id} */
                    Location?: string;
                    /** @description Present (true) when an earlier request with this key created the order. */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Body is not JSON (malformed-json). */
            400: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
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
            /** @description A valid access token without the scope this route needs (commerce/orders.write). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description API Gateway: the request is larger than 10 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Request Entity Too Large"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                };
            };
            /** @description Body is not application/json (unsupported-media-type). */
            415: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid request (validation-failed): every failing field in errors[] (path and message). Also idempotency-key-reused (same key, another body) and total-too-large. */
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
    getOrder: {
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
            /** @description The order. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
            /** @description A valid access token without the scope this route needs (commerce/orders.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description Unknown id, or another customer's order. */
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
    cancelOrder: {
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
            /** @description The cancelled order. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
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
            /** @description A valid access token without the scope this route needs (commerce/orders.write). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description Unknown id, or another customer's order. */
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
            /** @description Not cancellable: reason order-already-cancelled | order-not-cancellable (with orderStatus), or concurrent-modification (retry). */
            409: {
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
