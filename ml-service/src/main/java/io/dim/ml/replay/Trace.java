package io.dim.ml.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An access trace in time order, held column by column so a million events take a few
 * tens of megabytes: for each event its time, object, whether it writes, and the bytes it
 * moves; for each object its key and size.
 */
public final class Trace {

	private final List<String> keys;

	private final long[] sizes;

	private final long[] times;

	private final int[] objects;

	private final boolean[] writes;

	private final long[] bytes;

	private final int declared;

	private Trace(Builder builder) {
		this.declared = builder.declared;
		this.keys = List.copyOf(builder.keys);
		this.sizes = Arrays.copyOf(builder.sizes, builder.keys.size());
		this.times = Arrays.copyOf(builder.times, builder.count);
		this.objects = Arrays.copyOf(builder.objects, builder.count);
		this.writes = Arrays.copyOf(builder.writes, builder.count);
		this.bytes = Arrays.copyOf(builder.bytes, builder.count);
	}

	public int events() {
		return this.times.length;
	}

	public int objectCount() {
		return this.keys.size();
	}

	public String key(int object) {
		return this.keys.get(object);
	}

	/** The object's size (its last given size). */
	public long size(int object) {
		return this.sizes[object];
	}

	public long time(int event) {
		return this.times[event];
	}

	public int object(int event) {
		return this.objects[event];
	}

	public boolean isWrite(int event) {
		return this.writes[event];
	}

	public long bytes(int event) {
		return this.bytes[event];
	}

	/**
	 * Objects 0 to this count minus one exist from the start of the trace, accessed or
	 * not (a live catalogue's objects); the others appear with their first event.
	 */
	public int declaredObjects() {
		return this.declared;
	}

	public long start() {
		return (this.times.length == 0) ? 0 : this.times[0];
	}

	public long end() {
		return (this.times.length == 0) ? 0 : this.times[this.times.length - 1];
	}

	/**
	 * Appends events in time order; objects are numbered in order of first appearance.
	 */
	public static final class Builder {

		private final List<String> keys = new ArrayList<>();

		private final Map<String, Integer> index = new HashMap<>();

		private long[] sizes = new long[1024];

		private long[] times = new long[1 << 16];

		private int[] objects = new int[1 << 16];

		private boolean[] writes = new boolean[1 << 16];

		private long[] bytes = new long[1 << 16];

		private int count;

		private int declared;

		/**
		 * An object that exists from the start whether or not it is accessed (its storage
		 * counts); declare every such object before the first event.
		 */
		public Builder declare(String key, long size) {
			if (this.count > 0 || this.keys.size() != this.declared) {
				throw new IllegalStateException("objects are declared before any event");
			}
			if (this.index.containsKey(key)) {
				return this;
			}
			if (size < 0) {
				throw new IllegalArgumentException("size: must not be negative for object '" + key + "'");
			}
			this.index.put(key, this.keys.size());
			this.keys.add(key);
			if (this.keys.size() > this.sizes.length) {
				this.sizes = Arrays.copyOf(this.sizes, this.sizes.length * 2);
			}
			this.sizes[this.keys.size() - 1] = size;
			this.declared++;
			return this;
		}

		/**
		 * @param size the object's size, or a negative number when not given (then the
		 * object must have appeared before)
		 * @param bytes bytes moved, or a negative number for the object's size
		 * @throws IllegalArgumentException naming the field at fault
		 */
		public Builder add(long time, String key, boolean write, long bytes, long size) {
			if (this.count > 0 && time < this.times[this.count - 1]) {
				throw new IllegalArgumentException(
						"ts: events must be in time order (" + time + " is before " + this.times[this.count - 1] + ")");
			}
			Integer object = this.index.get(key);
			if (object == null) {
				if (size < 0) {
					throw new IllegalArgumentException("size: required on the first event of object '" + key + "'");
				}
				object = this.keys.size();
				this.index.put(key, object);
				this.keys.add(key);
				if (object == this.sizes.length) {
					this.sizes = Arrays.copyOf(this.sizes, object * 2);
				}
			}
			if (size >= 0) {
				this.sizes[object] = size;
			}
			if (this.count == this.times.length) {
				int grown = this.count * 2;
				this.times = Arrays.copyOf(this.times, grown);
				this.objects = Arrays.copyOf(this.objects, grown);
				this.writes = Arrays.copyOf(this.writes, grown);
				this.bytes = Arrays.copyOf(this.bytes, grown);
			}
			this.times[this.count] = time;
			this.objects[this.count] = object;
			this.writes[this.count] = write;
			this.bytes[this.count] = (bytes >= 0) ? bytes : this.sizes[object];
			this.count++;
			return this;
		}

		public Trace build() {
			return new Trace(this);
		}

	}

}
