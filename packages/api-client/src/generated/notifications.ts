// Generated from services/notifications/openapi.json by openapi-typescript: do not edit.
// Regenerate with `pnpm --filter @commerce/api-client generate` (a test fails while this file is stale).

export interface paths {
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
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
    listNotifications: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page, unchanged. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages. */
            200: {
                headers: {
                    /** @description Echo of the request correlation id, or a new one. */
                    "x-correlation-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. Deployed, the HTTP API JWT authorizer answers first with `{"message":"Unauthorized"}` (application/json), as `pnpm dev`'s gateway does; behind it the handler answers problem+json (`unauthorized`: no token; `invalid_token`: rejected) with WWW-Authenticate. */
            401: {
                headers: {
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
            /** @description A valid access token without the scope this route needs (commerce/notifications.read). Deployed, the JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes and WWW-Authenticate. */
            403: {
                headers: {
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
            /** @description Invalid limit, or a cursor this API did not issue (errors[].path query.limit / query.cursor). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getNotification: {
        parameters: {
            query?: never;
            header?: never;
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
                    "x-correlation-id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDetail"];
                };
            };
            /** @description No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. Deployed, the HTTP API JWT authorizer answers first with `{"message":"Unauthorized"}` (application/json), as `pnpm dev`'s gateway does; behind it the handler answers problem+json (`unauthorized`: no token; `invalid_token`: rejected) with WWW-Authenticate. */
            401: {
                headers: {
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
            /** @description A valid access token without the scope this route needs (commerce/notifications.read). Deployed, the JWT authorizer answers first with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes and WWW-Authenticate. */
            403: {
                headers: {
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
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
}
