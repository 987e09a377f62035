/// Reads the text formats eswitch accepts (YAML and JSON) into model values. Callers do the file I/O.
public enum EswitchConfig {}
