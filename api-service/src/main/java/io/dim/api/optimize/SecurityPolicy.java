package io.dim.api.optimize;

import org.springframework.stereotype.Component;

import io.dim.model.db.WriteTransactions;
import io.dim.model.setting.SystemSetting;
import io.dim.model.setting.SystemSettingRepository;

/**
 * "Enforce encrypted destinations": while on, endpoints without encryption at rest are
 * not eligible for replicas. Persisted in system_setting so every instance and restart
 * sees the same policy.
 */
@Component
public class SecurityPolicy {

	static final String SETTING = "policy.enforce_encryption";

	private final SystemSettingRepository settings;

	private final WriteTransactions transactions;

	SecurityPolicy(SystemSettingRepository settings, WriteTransactions transactions) {
		this.settings = settings;
		this.transactions = transactions;
	}

	public boolean enforceEncryption() {
		return this.settings.findById(SETTING).map((s) -> Boolean.parseBoolean(s.getValue())).orElse(false);
	}

	/** Sets the policy; returns whether it was on before. */
	public boolean setEnforceEncryption(boolean on) {
		return this.transactions.execute(() -> {
			SystemSetting setting = this.settings.findById(SETTING)
				.orElseGet(() -> new SystemSetting(SETTING, "false"));
			boolean before = Boolean.parseBoolean(setting.getValue());
			setting.setValue(Boolean.toString(on));
			this.settings.save(setting);
			return before;
		});
	}

}
