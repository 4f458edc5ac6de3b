/** Typed, validated configuration: the sources ({@code shangdang.sources}) and how harvests run ({@code shangdang.harvest}). */
package org.shangdang.routes.config;
