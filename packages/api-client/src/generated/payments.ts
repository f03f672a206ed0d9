// Generated from services/payments/openapi.json by openapi-typescript: do not edit.
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
    "/payments/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's payment for an order */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/{orderId}/action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the customer must do to complete the payment of an order (3-D Secure), and the client secret to do it with
         * @description Answers while the order is PENDING_PAYMENT with a paymentAction (GET /orders/{id}). The client secret is read from Stripe on every request and never stored; complete the action with Stripe.js `handleNextAction`, then follow the order until it is PAID or PAYMENT_FAILED.
         */
        get: operations["getPaymentAction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/payments/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's webhook (payment_intent.succeeded, payment_intent.payment_failed); for Stripe only
         * @description The body is a Stripe Event, verified against the Stripe-Signature header with the stage's endpoint secret (5 minutes tolerance). The event only makes payments read the PaymentIntent from Stripe again; deliveries are idempotent.
         */
        post: operations["stripeWebhook"];
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
        Payment: {
            orderId: string;
            /** @enum {string} */
            status: "CAPTURED" | "DECLINED" | "REFUNDED";
            /** @description Integer minor units of currency */
            amountCents: number;
            currency: string;
            /**
             * @description Only when DECLINED
             * @enum {string}
             */
            reason?: "card_declined" | "insufficient_funds" | "fraud_suspected" | "provider_rejected" | "expired_card" | "incorrect_cvc" | "incorrect_number" | "authentication_required" | "processing_error" | "payment_method_required";
            /**
             * Format: uri
             * @description Presigned GET URL of receipts/{orderId}.json, valid 300 s; CAPTURED and REFUNDED payments
             */
            receiptUrl?: string;
        };
        PaymentAction: {
            orderId: string;
            /**
             * @description The bank asks the customer to authenticate the payment (SCA / 3-D Secure)
             * @enum {string}
             */
            type: "authenticate";
            /** @description The Stripe PaymentIntent's client secret, read from Stripe for this request: pass it to Stripe.js `stripe.handleNextAction({ clientSecret })` and keep it nowhere else. The outcome arrives as the order turning PAID or PAYMENT_FAILED. */
            clientSecret: string;
            /**
             * Format: date-time
             * @description Until when the payment waits; after it, it fails with authentication_required
             */
            expiresAt: string;
        };
        StripeWebhookAnswer: {
            /** @constant */
            received: true;
            /** @description false for event types and objects payments does not act on (acknowledged so Stripe stops retrying) */
            handled: boolean;
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
    getPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id). */
                "X-Correlation-Id"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment (never cached: Cache-Control no-store). */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    /** @description no-store */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
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
            /** @description A valid access token without the scope this route needs (commerce/payments.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description Unknown order, another customer's order, a payment still in progress, or an order cancelled before any charge. */
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
    getPaymentAction: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id). */
                "X-Correlation-Id"?: string;
            };
            path: {
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action to complete (never cached: Cache-Control no-store). */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    /** @description no-store */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentAction"];
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
            /** @description A valid access token without the scope this route needs (commerce/payments.read). The JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate. */
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
            /** @description Unknown order or another customer's order. */
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
            /** @description The payment waits for no customer action (payment-action-not-required, with paymentStatus), or its time is up (payment-action-expired). */
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
            /** @description API Gateway: the function did not answer within the 30 s integration timeout. Stripe did not answer (payment-provider-unavailable); retry with backoff. */
            503: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "message": "Service Unavailable"
                     *     }
                     */
                    "application/json": components["schemas"]["GatewayMessage"];
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stripeWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Verified and accepted. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "X-Correlation-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StripeWebhookAnswer"];
                };
            };
            /** @description No Stripe-Signature header, or it does not match the body with the endpoint secret, or it is too old (webhook-signature-invalid). */
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
