/**
 * A sample application that uses conductor-auth only through its properties: it reads
 * workflow metadata, polls a task and completes it through a {@code RestClient}, a
 * {@code RestTemplate} and a {@code WebClient} built from Boot's builders, and logs one
 * line for each request and each token event.
 */
@NullMarked
package dev.conductor.auth.sample;

import org.jspecify.annotations.NullMarked;
