package io.inflow.sandbox.airtable.formula;

/** A formula failed for one record (Airtable's #ERROR!); that record is left out of the result. */
final class EvaluationException extends RuntimeException {

    EvaluationException(String message) {
        super(message, null, false, false);
    }
}
