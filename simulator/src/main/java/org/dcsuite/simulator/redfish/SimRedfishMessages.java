package org.dcsuite.simulator.redfish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Redfish error bodies ({@code error} with {@code @Message.ExtendedInfo}) built from the DMTF Base 1.5.0
 * message registry, the version the reference mockup ships, so clients that print the first message show the
 * registry's text.
 */
final class SimRedfishMessages {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = "Base.1.5.";

    /** One registry message: its key, text with %1.. placeholders, severity and resolution. */
    enum Message {
        GENERAL_ERROR("GeneralError", "A general error has occurred. See Resolution for information on how to "
                + "resolve the error.", "Critical", "None."),
        RESOURCE_MISSING_AT_URI("ResourceMissingAtURI", "The resource at the URI %1 was not found.", "Critical",
                "Place a valid resource at the URI or correct the URI and resubmit the request."),
        NO_VALID_SESSION("NoValidSession", "There is no valid session established with the implementation.",
                "Critical", "Establish as session before attempting any operations."),
        RESOURCE_AT_URI_UNAUTHORIZED("ResourceAtUriUnauthorized", "While accessing the resource at %1, the "
                + "service received an authorization error %2.", "Critical", "Ensure that the appropriate access "
                + "is provided for the service in order for it to access the URI."),
        MALFORMED_JSON("MalformedJSON", "The request body submitted was malformed JSON and could not be parsed by "
                + "the receiving service.", "Critical", "Ensure that the request body is valid JSON and resubmit "
                + "the request."),
        PROPERTY_MISSING("PropertyMissing", "The property %1 is a required property and must be included in the "
                + "request.", "Warning", "Ensure that the property is in the request body and has a valid value "
                + "and resubmit the request if the operation failed."),
        ACTION_PARAMETER_MISSING("ActionParameterMissing", "The action %1 requires the parameter %2 to be "
                + "present in the request body.", "Critical", "Supply the action with the required parameter in "
                + "the request body when the request is resubmitted."),
        ACTION_PARAMETER_UNKNOWN("ActionParameterUnknown", "The action %1 was submitted with the invalid "
                + "parameter %2.", "Warning", "Correct the invalid parameter and resubmit the request if the "
                + "operation failed."),
        PROPERTY_VALUE_NOT_IN_LIST("PropertyValueNotInList", "The value %1 for the property %2 is not in the list "
                + "of acceptable values.", "Warning", "Choose a value from the enumeration list that the "
                + "implementation can support and resubmit the request if the operation failed."),
        QUERY_PARAMETER_VALUE_FORMAT_ERROR("QueryParameterValueFormatError", "The value %1 for the parameter %2 "
                + "is of a different format than the parameter can accept.", "Warning", "Correct the value for "
                + "the query parameter in the request and resubmit the request if the operation failed."),
        QUERY_NOT_SUPPORTED("QueryNotSupported", "Querying is not supported by the implementation.", "Warning",
                "Remove the query parameters and resubmit the request if the operation failed."),
        PROPERTY_UNKNOWN("PropertyUnknown", "The property %1 is not in the list of valid properties for the "
                + "resource.", "Warning", "Remove the unknown property from the request body and resubmit the "
                + "request if the operation failed."),
        PROPERTY_VALUE_TYPE_ERROR("PropertyValueTypeError", "The value %1 for the property %2 is of a different "
                + "type than the property can accept.", "Warning", "Correct the value for the property in the "
                + "request body and resubmit the request if the operation failed."),
        PROPERTY_VALUE_FORMAT_ERROR("PropertyValueFormatError", "The value %1 for the property %2 is of a "
                + "different format than the property can accept.", "Warning", "Correct the value for the property "
                + "in the request body and resubmit the request if the operation failed."),
        CREATE_LIMIT_REACHED_FOR_RESOURCE("CreateLimitReachedForResource", "The create operation failed because "
                + "the resource has reached the limit of possible resources.", "Critical", "Either delete resources "
                + "and resubmit the request if the operation failed or do not resubmit the request."),
        SESSION_LIMIT_EXCEEDED("SessionLimitExceeded", "The session establishment failed due to the number of "
                + "simultaneous sessions exceeding the limit of the implementation.", "Critical", "Reduce the "
                + "number of other sessions before trying to establish the session or increase the limit of "
                + "simultaneous sessions (if supported).");

        final String key;
        final String text;
        final String severity;
        final String resolution;

        Message(String key, String text, String severity, String resolution) {
            this.key = key;
            this.text = text;
            this.severity = severity;
            this.resolution = resolution;
        }
    }

    private SimRedfishMessages() {
    }

    /** The error body for one message with its arguments. */
    static ObjectNode error(Message m, String... args) {
        String text = m.text;
        for (int i = 0; i < args.length; i++) {
            text = text.replace("%" + (i + 1), args[i]);
        }
        ObjectNode info = JSON.createObjectNode()
                .put("@odata.type", "#Message.v1_1_1.Message")
                .put("MessageId", REGISTRY + m.key)
                .put("Message", text)
                .put("Severity", m.severity)
                .put("MessageSeverity", m.severity)
                .put("Resolution", m.resolution);
        ArrayNode messageArgs = info.putArray("MessageArgs");
        for (String a : args) {
            messageArgs.add(a);
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error")
                .put("code", REGISTRY + m.key)
                .put("message", text);
        error.putArray("@Message.ExtendedInfo").add(info);
        return body;
    }
}
