/** The flavor of models logged without one: files with no known MLflow flavor. @public */
export const GENERIC_FLAVOR = "generic";

/** Name of the file that describes an MLflow model directory. @public */
export const MLMODEL_FILE_NAME = "MLmodel";
