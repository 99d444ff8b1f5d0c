/// What reading one experiment shares between its sections: the folder checks to run afterwards, and the `data`
/// section once read, whose folders and validation split later sections default to or depend on.
final class ConfigContext {
    let checks: FolderChecks
    var data = DataConfig()

    init(checks: FolderChecks = FolderChecks()) {
        self.checks = checks
    }

    /// Whether `data` holds clips out, without which nothing can be monitored.
    var hasValidation: Bool { data.validationFraction > 0 }
}
