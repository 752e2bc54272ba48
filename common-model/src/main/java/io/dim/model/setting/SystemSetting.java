package io.dim.model.setting;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A persisted runtime setting, such as the encryption policy, shared by every instance.
 */
@Entity
@Table(name = "system_setting")
public class SystemSetting {

	@Id
	@Column(name = "setting_key")
	private String key;

	@Column(name = "setting_value", nullable = false)
	private String value;

	protected SystemSetting() {
	}

	public SystemSetting(String key, String value) {
		this.key = key;
		this.value = value;
	}

	public String getKey() {
		return this.key;
	}

	public String getValue() {
		return this.value;
	}

	public void setValue(String value) {
		this.value = value;
	}

}
