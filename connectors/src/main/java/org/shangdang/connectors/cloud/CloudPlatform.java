package org.shangdang.connectors.cloud;

import org.shangdang.record.RecordFormat;

/** The culture clouds Shangdang harvests, each with its own API dialect and raw record format. */
public enum CloudPlatform {
    /** 国家公共文化云: camelCase JSON, {@code {code,msg,data:{total,pageNo,pageSize,list}}}, bearer tokens. */
    NATIONAL("国家公共文化云", RecordFormat.NATIONAL_CLOUD_JSON),
    /** 山西公共文化云: snake_case JSON, {@code {success,code,message,result:{records,current,size,total,pages}}}. */
    SHANXI("山西公共文化云", RecordFormat.SHANXI_CLOUD_JSON);

    private final String displayName;
    private final RecordFormat format;

    CloudPlatform(String displayName, RecordFormat format) {
        this.displayName = displayName;
        this.format = format;
    }

    /** The cloud's Chinese name, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The format of the raw records harvested from it. */
    public RecordFormat format() {
        return format;
    }

    CloudApi api() {
        return switch (this) {
            case NATIONAL -> NationalCloudApi.INSTANCE;
            case SHANXI -> ShanxiCloudApi.INSTANCE;
        };
    }
}
