extension EventAPIDocument {
    /// The document's text, with `__SERVER_URL__` standing for the stage prefix.
    ///
    /// The source of the reference's document, kept as a literal so that the served bytes are
    /// deterministic. `Scenarios/contract/openapi.json` is this text with `/` for the server
    /// URL: after an edit here, run
    /// `swift run events-api --print-openapi > Scenarios/contract/openapi.json`
    /// (`DocumentationTests` checks both the bytes and the contract's rules).
    static let template = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Event Management API",
    "version": "1.0.0",
    "description": "Reference implementation of the Event Management API contract (CONTRACT.md). Every error body is JSON with a detail field; every response carries Access-Control-Allow-Origin: *; a method a path does not serve answers 405 with Allow. CORS preflights (OPTIONS with Origin and Access-Control-Request-Method) answer 204 with the allowed methods and headers; like FastAPI, the document does not list them as operations."
  },
  "servers": [
    {
      "url": "__SERVER_URL__"
    }
  ],
  "paths": {
    "/events": {
      "get": {
        "summary": "List events",
        "operationId": "listEvents",
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "enum": [
                "active",
                "cancelled",
                "completed"
              ],
              "description": "Lifecycle state."
            },
            "description": "Only events with this status; any other value is a 400."
          }
        ],
        "responses": {
          "200": {
            "description": "The events, sorted by eventId.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EventList"
                }
              }
            },
            "headers": {
              "Access-Control-Allow-Origin": {
                "description": "Always *.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "Validation error: each bad field is listed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationError"
                }
              }
            }
          },
          "500": {
            "description": "Internal error.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          }
        }
      },
      "post": {
        "summary": "Create an event",
        "operationId": "createEvent",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EventCreate"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CreateResult"
                }
              }
            },
            "headers": {
              "Access-Control-Allow-Origin": {
                "description": "Always *.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            },
            "links": {
              "GetEventById": {
                "operationId": "getEvent",
                "parameters": {
                  "eventId": "$response.body#/eventId"
                },
                "description": "The created event, by the eventId the create answers."
              },
              "UpdateEventById": {
                "operationId": "updateEvent",
                "parameters": {
                  "eventId": "$response.body#/eventId"
                },
                "description": "Update the created event."
              },
              "DeleteEventById": {
                "operationId": "deleteEvent",
                "parameters": {
                  "eventId": "$response.body#/eventId"
                },
                "description": "Delete the created event."
              }
            }
          },
          "400": {
            "description": "Validation error: each bad field is listed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationError"
                }
              }
            }
          },
          "409": {
            "description": "An event with this eventId exists.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than 1 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "415": {
            "description": "The body is not labelled application/json.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "500": {
            "description": "Internal error.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          }
        }
      }
    },
    "/events/{eventId}": {
      "parameters": [
        {
          "name": "eventId",
          "in": "path",
          "required": true,
          "schema": {
            "type": "string"
          },
          "description": "The event's id."
        }
      ],
      "get": {
        "summary": "Get an event",
        "operationId": "getEvent",
        "responses": {
          "200": {
            "description": "The event.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Event"
                }
              }
            },
            "headers": {
              "Access-Control-Allow-Origin": {
                "description": "Always *.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No event has this eventId.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "500": {
            "description": "Internal error.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          }
        }
      },
      "put": {
        "summary": "Update an event (partial)",
        "operationId": "updateEvent",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/EventUpdate"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The whole updated event.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Event"
                }
              }
            },
            "headers": {
              "Access-Control-Allow-Origin": {
                "description": "Always *.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            },
            "links": {
              "GetEventById": {
                "operationId": "getEvent",
                "parameters": {
                  "eventId": "$response.body#/eventId"
                },
                "description": "The updated event."
              },
              "DeleteEventById": {
                "operationId": "deleteEvent",
                "parameters": {
                  "eventId": "$response.body#/eventId"
                },
                "description": "Delete the updated event."
              }
            }
          },
          "400": {
            "description": "Validation error: each bad field is listed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationError"
                }
              }
            }
          },
          "404": {
            "description": "No event has this eventId.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "413": {
            "description": "The body is larger than 1 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "415": {
            "description": "The body is not labelled application/json.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "500": {
            "description": "Internal error.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Delete an event",
        "operationId": "deleteEvent",
        "responses": {
          "200": {
            "description": "Deleted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeleteResult"
                }
              }
            },
            "headers": {
              "Access-Control-Allow-Origin": {
                "description": "Always *.",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No event has this eventId.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          },
          "500": {
            "description": "Internal error.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HTTPError"
                }
              }
            }
          }
        }
      }
    },
    "/health": {
      "get": {
        "summary": "Health check",
        "operationId": "health",
        "responses": {
          "200": {
            "description": "The server is up.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "EventCreate": {
        "type": "object",
        "description": "An event as the client sends it. Unknown fields are ignored; null is not accepted for any field.",
        "required": [
          "eventId",
          "title",
          "description",
          "date",
          "location",
          "capacity",
          "organizer",
          "status"
        ],
        "properties": {
          "eventId": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "pattern": "^[A-Za-z0-9._:-]{1,128}$",
            "description": "Client-chosen unique identifier: 1-128 characters of A-Z a-z 0-9 - _ . :"
          },
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Title."
          },
          "description": {
            "type": "string",
            "minLength": 1,
            "maxLength": 2000,
            "pattern": "\\S",
            "description": "Description."
          },
          "date": {
            "type": "string",
            "format": "date",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "Exactly YYYY-MM-DD, and a real calendar date."
          },
          "location": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Location."
          },
          "capacity": {
            "type": "integer",
            "format": "int64",
            "minimum": 1,
            "description": "Maximum attendees: a JSON integer greater than 0; a number with a zero fraction (500.0) is the integer 500; a string, a fractional number or a boolean is not."
          },
          "organizer": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Organizer name."
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "cancelled",
              "completed"
            ],
            "description": "Lifecycle state."
          }
        },
        "additionalProperties": true
      },
      "EventUpdate": {
        "type": "object",
        "description": "A partial update: any non-empty subset of the updatable fields, each validated as on create. An object with no updatable field is a 400. The schema forbids eventId, since JSON Schema cannot say that it must equal the path: the API tolerates an eventId equal to the eventId in the path (and ignores it), and answers 400 to one that differs.",
        "properties": {
          "eventId": false,
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Title."
          },
          "description": {
            "type": "string",
            "minLength": 1,
            "maxLength": 2000,
            "pattern": "\\S",
            "description": "Description."
          },
          "date": {
            "type": "string",
            "format": "date",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "Exactly YYYY-MM-DD, and a real calendar date."
          },
          "location": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Location."
          },
          "capacity": {
            "type": "integer",
            "format": "int64",
            "minimum": 1,
            "description": "Maximum attendees: a JSON integer greater than 0; a number with a zero fraction (500.0) is the integer 500; a string, a fractional number or a boolean is not."
          },
          "organizer": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Organizer name."
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "cancelled",
              "completed"
            ],
            "description": "Lifecycle state."
          }
        },
        "minProperties": 1,
        "anyOf": [
          {
            "required": [
              "title"
            ]
          },
          {
            "required": [
              "description"
            ]
          },
          {
            "required": [
              "date"
            ]
          },
          {
            "required": [
              "location"
            ]
          },
          {
            "required": [
              "capacity"
            ]
          },
          {
            "required": [
              "organizer"
            ]
          },
          {
            "required": [
              "status"
            ]
          }
        ],
        "additionalProperties": true
      },
      "Event": {
        "type": "object",
        "description": "An event as stored and returned; date, capacity and status come back as eventDate, eventCapacity and eventStatus.",
        "required": [
          "eventId",
          "title",
          "description",
          "eventDate",
          "location",
          "eventCapacity",
          "organizer",
          "eventStatus",
          "createdAt"
        ],
        "properties": {
          "eventId": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "pattern": "^[A-Za-z0-9._:-]{1,128}$",
            "description": "Client-chosen unique identifier: 1-128 characters of A-Z a-z 0-9 - _ . :"
          },
          "title": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Title."
          },
          "description": {
            "type": "string",
            "minLength": 1,
            "maxLength": 2000,
            "pattern": "\\S",
            "description": "Description."
          },
          "eventDate": {
            "type": "string",
            "format": "date",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "Exactly YYYY-MM-DD, and a real calendar date."
          },
          "location": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Location."
          },
          "eventCapacity": {
            "type": "integer",
            "format": "int64",
            "minimum": 1,
            "description": "Maximum attendees: an integer greater than 0."
          },
          "organizer": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": "\\S",
            "description": "Organizer name."
          },
          "eventStatus": {
            "type": "string",
            "enum": [
              "active",
              "cancelled",
              "completed"
            ],
            "description": "Lifecycle state."
          },
          "createdAt": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}",
            "description": "When the event was created; never changes. ISO-8601 timestamp in UTC without zone suffix, e.g. 2024-11-07T10:30:00."
          },
          "updatedAt": {
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}",
            "description": "When the event was last updated. ISO-8601 timestamp in UTC without zone suffix, e.g. 2024-11-07T10:30:00."
          }
        },
        "additionalProperties": true
      },
      "EventList": {
        "type": "object",
        "required": [
          "events"
        ],
        "properties": {
          "events": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Event"
            },
            "description": "Events sorted by eventId."
          }
        },
        "additionalProperties": true
      },
      "CreateResult": {
        "type": "object",
        "required": [
          "eventId",
          "message"
        ],
        "properties": {
          "eventId": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "pattern": "^[A-Za-z0-9._:-]{1,128}$",
            "description": "Client-chosen unique identifier: 1-128 characters of A-Z a-z 0-9 - _ . :"
          },
          "message": {
            "type": "string",
            "const": "Event created successfully"
          }
        },
        "additionalProperties": true
      },
      "DeleteResult": {
        "type": "object",
        "required": [
          "message"
        ],
        "properties": {
          "message": {
            "type": "string",
            "const": "Event deleted successfully"
          }
        },
        "additionalProperties": true
      },
      "HTTPError": {
        "type": "object",
        "required": [
          "detail"
        ],
        "properties": {
          "detail": {
            "type": "string"
          }
        },
        "additionalProperties": true
      },
      "ValidationError": {
        "type": "object",
        "required": [
          "detail"
        ],
        "properties": {
          "detail": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "loc",
                "msg",
                "type"
              ],
              "properties": {
                "loc": {
                  "type": "array",
                  "items": {
                    "anyOf": [
                      {
                        "type": "string"
                      },
                      {
                        "type": "integer"
                      }
                    ]
                  }
                },
                "msg": {
                  "type": "string"
                },
                "type": {
                  "type": "string"
                }
              }
            }
          }
        },
        "additionalProperties": true
      },
      "Health": {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "const": "ok"
          }
        }
      }
    }
  }
}
"""#
}
